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
 * 4. A question that contains more of the query's words ranks above one that
 *    contains fewer: lunr adds up the words' scores, so one word in a title
 *    ("index", "network") outweighed a question that names the whole concept
 *    in its answer ("population stability index"). Scores decide among results
 *    that contain the same share of the words.
 */
importScripts(new URL(self.location.href).searchParams.get("material"));

(function (lunr) {
  var WILDCARD_WORD = /^\+?([^\s*~^:+-][^\s*~^:]*)\*$/;
  var WHOLE_WORD_BOOST = 10;
  var ID_BOOST = 2;
  var COVERAGE_WEIGHT = 1e6;

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

  // Share of the query's words (stop words aside) the result contains, as the word, its stem or a longer word.
  function coverage(metadata, words, stems) {
    var terms = Object.keys(metadata);
    var counted = words.filter(function (word) { return lunr.stopWordFilter(new lunr.Token(word.toLowerCase())); });
    if (counted.length < 2) return 1;
    var found = counted.filter(function (word) {
      word = word.toLowerCase();
      var stemmed = stem(word);
      return terms.some(function (term) { return term.indexOf(stemmed) === 0 || term.indexOf(word) === 0; });
    });
    return found.length / counted.length;
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
    // Material sends "two-tower*"; the index split it at the separator, so do the same here.
    var words = [];
    query.split(/\s+/).forEach(function (term) {
      var match = WILDCARD_WORD.exec(term);
      if (!match) return;
      match[1].split(lunr.tokenizer.separator).forEach(function (word) {
        if (word && words.indexOf(word) === -1) words.push(word);
      });
    });
    var boosted = words.map(function (word) { return word + "^" + WHOLE_WORD_BOOST; });
    var results = search.call(this, boosted.length ? query + " " + boosted.join(" ") : query);
    var stems = words.map(stem);
    results.forEach(function (result) {
      var share = coverage(result.matchData.metadata, words, stems);
      // Material ranks pages by their best score, so the share goes into the score:
      // each missing word costs more than a title match of another word can give.
      result.score *= idBoost(result.ref, stems) * Math.pow(COVERAGE_WEIGHT, share);
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
