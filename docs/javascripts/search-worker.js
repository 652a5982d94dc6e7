/* Material's search worker, tuned for a bank of questions.
 *
 * 1. Stemmed whole words. The index is built with lunr's stemmer
 *    (mkdocs.yml: search.pipeline), so "gradients" is stored as "gradient" and
 *    "normalization" as "normal". Material appends "*" to every query word for
 *    type-ahead, and lunr skips its search pipeline (the stemmer) for wildcard
 *    words, so whole inflected words found nothing. Each word is therefore also
 *    searched without the wildcard, where lunr stems it like the index, and
 *    boosted, so that "Adam" ranks a question about Adam above one that only
 *    matches "AdamW" through the prefix.
 * 2. A word counts once per question title. Titles carry almost all the weight
 *    (boost 1000), so "BatchNorm vs LayerNorm: which normalization..." would
 *    otherwise outrank "What is batch normalization?" for "normalization"
 *    merely by repeating the word; among titles that name the concept, the
 *    answer that discusses it most now ranks first.
 *    Matches found through a stem are reported under the word the reader
 *    typed, so Material neither lists it as "Missing" nor fails to highlight it.
 * 3. Question ids name their concept ("batch-normalization", "adam-optimizer"):
 *    a question ranks higher the larger the share of its id's words the query
 *    names, so "batch normalization" leads to the question that defines it.
 */
importScripts(new URL(self.location.href).searchParams.get("material"));

(function (lunr) {
  var WILDCARD_WORD = /^\+?([^\s*~^:+-][^\s*~^:]*)\*$/;
  var WHOLE_WORD_BOOST = 10;
  var ID_BOOST = 2;

  function stem(word) {
    return lunr.stemmer(new lunr.Token(word.toLowerCase())).toString();
  }

  function idBoost(ref, stems) {
    var id = ref.split("#")[1];
    if (!id || !stems.length) return 1;
    var parts = id.split("-").map(stem);
    var named = parts.filter(function (part) { return stems.indexOf(part) !== -1; });
    return 1 + ID_BOOST * named.length / parts.length;
  }

  function renameStems(metadata, words, stems) {
    words.forEach(function (word, i) {
      word = word.toLowerCase();
      if (word !== stems[i] && metadata[stems[i]] && !metadata[word]) {
        metadata[word] = metadata[stems[i]];
        delete metadata[stems[i]];
      }
    });
  }

  var search = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (query) {
    var words = query.split(/\s+/).map(function (term) {
      var match = WILDCARD_WORD.exec(term);
      return match ? match[1] : null;
    }).filter(Boolean);
    var boosted = words.map(function (word) { return word + "^" + WHOLE_WORD_BOOST; });
    var results = search.call(this, boosted.length ? query + " " + boosted.join(" ") : query);
    var stems = words.map(stem);
    results.forEach(function (result) {
      result.score *= idBoost(result.ref, stems);
      renameStems(result.matchData.metadata, words, stems);
    });
    return results.sort(function (a, b) { return b.score - a.score; });
  };

  var createFieldVectors = lunr.Builder.prototype.createFieldVectors;
  lunr.Builder.prototype.createFieldVectors = function () {
    for (var ref in this.fieldTermFrequencies) {
      if (ref.indexOf("title/") !== 0) continue;
      var frequencies = this.fieldTermFrequencies[ref];
      for (var term in frequencies) frequencies[term] = 1;
    }
    return createFieldVectors.call(this);
  };
})(self.lunr);
