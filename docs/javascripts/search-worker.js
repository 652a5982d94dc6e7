/* Material's search worker, with stemmed query words.
 *
 * The index is built with lunr's stemmer (mkdocs.yml: search.pipeline), so
 * "gradients" is stored as "gradient" and "normalization" as "normal". Material
 * appends "*" to every query word for type-ahead, and lunr skips its search
 * pipeline (the stemmer) for wildcard words, so whole inflected words found
 * nothing. Each word is therefore also searched once without the wildcard,
 * where lunr stems it like the index.
 */
importScripts(new URL(self.location.href).searchParams.get("material"));

(function (search) {
  var WILDCARD_WORD = /^\+?([^\s*~^:+-][^\s*~^:]*)\*$/;
  self.lunr.Index.prototype.search = function (query) {
    var stems = query.split(/\s+/).map(function (term) {
      var match = WILDCARD_WORD.exec(term);
      return match ? match[1] : null;
    }).filter(Boolean);
    return search.call(this, stems.length ? query + " " + stems.join(" ") : query);
  };
})(self.lunr.Index.prototype.search);
