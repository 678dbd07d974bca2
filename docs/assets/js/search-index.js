/* Reading the search index in search/data/ as gongkai/site/search/ writes it (window.GongkaiIndex).
   A result is a page whose text contains every query term as a substring:
   1. each term is cut into character bigrams (a one-character term is its own token);
   2. the shards holding those tokens are fetched; postings say which pages, and which
      of their chunks, hold each token;
   3. the candidate chunks are fetched and checked, which also gives the matching sentence.
      They are gzipped files, unpacked here with the browser's DecompressionStream.
   The format constants (version, alphabet, chunk count) come from manifest.json: this file
   knows only the version it was written for, and refuses an index of another one. */
(function () {
  "use strict";
  var FORMAT = 7;  // the index format this file reads (FORMAT_VERSION in search/index.py)
  var K1 = 1.2, B = 0.75, RECENCY = 0.1;  // BM25's saturation and length weight; the boost for the newest report

  function Index(base) {
    this.base = base;
    this.cache = new Map();
  }
  Index.FORMAT = FORMAT;
  Index.normalise = function (s) { return s.normalize("NFKC").toLowerCase().replace(/\s+/g, ""); };

  /* A gzipped file's text. A server that sends it with Content-Encoding: gzip has had the browser
     unpack it already: without gzip's two magic bytes it is read as it is. */
  function unpacked(buffer) {
    var bytes = new Uint8Array(buffer);
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }
  Index.canUnpack = typeof DecompressionStream !== "undefined" && typeof TextDecoder !== "undefined";
  Index.unpacked = unpacked;  // also the saved pages' (source-view.js)

  Index.prototype.get = function (path, kind) {
    var base = this.base;
    if (!this.cache.has(path)) {
      this.cache.set(path, fetch(new URL(path, base)).then(function (r) {
        if (!r.ok) return kind === "json" ? {} : "";
        return kind === "json" ? r.json() : kind === "gzip" ? r.arrayBuffer().then(unpacked) : r.text();
      }));
    }
    return this.cache.get(path);
  };

  /* "ok", "stale" (an index of another format: a cached search.js against a new index), "missing",
     or "old browser" (one that cannot unpack the chunk files: before Safari 16.4, Firefox 113). */
  Index.prototype.open = async function () {
    if (this.status) return this.status;
    if (!Index.canUnpack) return (this.status = "old browser");
    var m = await this.get("manifest.json", "json");
    if (m.version === undefined) return (this.status = "missing");
    if (m.version !== FORMAT) return (this.status = "stale");
    this.m = m;
    this.digit = {};
    for (var i = 0; i < m.alphabet.length; i++) this.digit[m.alphabet[i]] = i;
    this.allChunks = Math.pow(2, m.chunks) - 1;
    this.unknown = Math.pow(2, m.chunks);  // a mask bit above the chunks: from a 'B' posting, which says no chunk
    this.listing = this.bitmapSet(m.listing);
    this.dead = this.bitmapSet(m.dead);
    var continues = new Set(m.continues);
    this.head = new Int32Array(m.total);  // an entry → the first entry of its page
    this.length = new Float64Array(m.total);
    this.group = new Int32Array(m.total).fill(1);  // an entry → its chunks to a file (a listing's: one)
    this.reports = [];  // first entries of the report pages, oldest first
    this.age = new Float64Array(m.total);  // 0 for the oldest report, 1 for the newest
    var sum = 0, k = 0;
    for (var n = 0; n < m.total; n++) {
      this.head[n] = continues.has(n) ? this.head[n - 1] : n;
      if (this.listing.has(n)) continue;  // lengths are the reports' only
      var code = this.digit[m.lengths[k++]];
      this.length[n] = m.lengthScale[0] * Math.pow(m.lengthScale[1], code);
      this.group[n] = this.digit[m.groups[code]];
      if (this.head[n] === n && !this.dead.has(n)) { this.reports.push(n); sum += this.length[n]; }
    }
    var self = this;
    this.reports.forEach(function (h, k) { self.age[h] = self.reports.length > 1 ? k / (self.reports.length - 1) : 0; });
    this.averageLength = this.reports.length ? sum / this.reports.length : 1;
    for (n = 0; n < m.total; n++) if (this.listing.has(n)) this.length[n] = this.averageLength;
    return (this.status = "ok");
  };

  Index.prototype.bitmapSet = function (encoded, from) {
    var set = new Set();
    for (var i = from || 0; i < encoded.length; i++) {
      var v = this.digit[encoded[i]];
      for (var b = 0; b < 6; b++) if (v & (1 << b)) set.add((i - (from || 0)) * 6 + b);
    }
    return set;
  };
  Index.prototype.varint = function (encoded, at) {  // [value, next position]; five bits a character
    var value = 0, shift = 0, v;
    do { v = this.digit[encoded[at++]]; value += (v & 31) * Math.pow(2, shift); shift += 5; } while (v & 32);
    return [value, at];
  };
  /* 'L' + (page delta varint, 2-character chunk mask) per page; 'M' + width + page bitmap + masks
     in page order; 'B' + width + page bitmap alone (any chunk). See search/encoding.py. */
  Index.prototype.decode = function (encoded) {
    var map = new Map(), self = this;
    if (!encoded) return map;
    var kind = encoded[0], r;
    if (kind === "B" || kind === "M") {
      r = this.varint(encoded, 1);
      var width = r[0], start = r[1];
      var docs = Array.from(this.bitmapSet(encoded.slice(0, start + width), start));
      docs.forEach(function (doc, k) {
        var at = start + width + 2 * k;
        map.set(doc, kind === "B" ? self.allChunks | self.unknown : self.digit[encoded[at]] + 64 * self.digit[encoded[at + 1]]);
      });
      return map;
    }
    var doc = 0, i = 1;
    while (i < encoded.length) {
      r = this.varint(encoded, i);
      doc += r[0];
      i = r[1];
      map.set(doc, this.digit[encoded[i]] + 64 * this.digit[encoded[i + 1]]);
      i += 2;
    }
    return map;
  };
  /* A filter term's pages (facets.json): 'S' + page delta varints, or 'B' + width + bitmap. */
  Index.prototype.decodePages = function (encoded) {
    if (encoded[0] === "B") {
      var w = this.varint(encoded, 1);
      return this.bitmapSet(encoded.slice(0, w[1] + w[0]), w[1]);
    }
    var set = new Set(), page = 0, i = 1, r;
    while (i < encoded.length) { r = this.varint(encoded, i); page += r[0]; i = r[1]; set.add(page); }
    return set;
  };

  function fnv1a(s) {
    var bytes = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function termTokens(term) {
    var chars = Array.from(term);
    if (chars.length === 1) return [term];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }
  Index.prototype.postings = async function (token) {
    var shard = await this.get("shards/" + (fnv1a(token) % this.m.shards) + ".json", "json");
    return this.decode(shard[token]);
  };
  /* Entry → chunk mask, for the live entries holding every bigram of the term in one chunk. */
  Index.prototype.term = async function (term) {
    var self = this;
    var lists = await Promise.all(termTokens(term).map(function (tok) { return self.postings(tok); }));
    var acc = lists[0];
    for (var l = 1; l < lists.length; l++) {
      var next = new Map();
      acc.forEach(function (mask, doc) {
        var other = lists[l].get(doc);
        if (other && (mask & other)) next.set(doc, mask & other);
      });
      acc = next;
    }
    acc.forEach(function (_, doc) { if (self.dead.has(doc)) acc.delete(doc); });
    return acc;
  };

  /* {key: [{term, pages: Set of first entries}]} in the order of the <select>s; fetched on first use. */
  Index.prototype.facets = function () {
    var self = this;
    if (!this._facets) {
      this._facets = this.get(this.m.facets, "json").then(function (raw) {
        var out = {};
        self.m.filters.forEach(function (f) {
          out[f[0]] = (raw[f[0]] || []).map(function (item) { return { term: item[0], pages: self.decodePages(item[1]) }; });
        });
        return out;
      });
    }
    return this._facets;
  };
  /* Traditional character → simplified (corpus/traditional.py's converter); fetched on first use. */
  Index.prototype.traditional = function () {
    if (!this._traditional) {
      this._traditional = this.get(this.m.traditional, "json").then(function (raw) {
        var chars = Array.from(raw.pairs || ""), map = new Map();
        for (var i = 0; i + 1 < chars.length; i += 2) map.set(chars[i], chars[i + 1]);
        return map;
      });
    }
    return this._traditional;
  };

  /* BM25 over what the index knows: a term's frequency is the number of chunks holding it (the
     postings keep which chunks, not how often), set against the page's length; newer reports
     (higher numbers: pages are numbered oldest first) get a mild boost, which also breaks ties.
     A term on most pages has no chunk masks: it counts the same on every page. */
  Index.prototype.score = function (entry, masks, idf) {
    var length = this.length[entry], chunks = Math.max(1, Math.min(this.m.chunks, Math.round(length / this.m.chunkChars)));
    var norm = K1 * (1 - B + B * length / this.averageLength), score = 0;
    for (var t = 0; t < masks.length; t++) {
      if (masks[t] & this.unknown) { score += idf[t]; continue; }
      var tf = Math.min(chunks, popcount(masks[t]));
      score += idf[t] * tf * (K1 + 1) / (tf + norm);
    }
    return (masks.length ? score : 1) * (1 + RECENCY * this.age[this.head[entry]]);
  };
  /* BM25's weight of a term held by these entries: the rarer among the reports, the heavier. */
  Index.prototype.idf = function (entries) {
    var self = this, held = new Set();
    entries.forEach(function (_, e) { if (!self.listing.has(e)) held.add(self.head[e]); });
    var n = this.reports.length;
    return Math.log(1 + (n - held.size + 0.5) / (held.size + 0.5));
  };
  function popcount(m) { var n = 0; while (m) { n += m & 1; m >>= 1; } return n; }

  /* The file holding chunk c of an entry: a short report's chunks are written several to a file
     (manifest.json's groups, by length code; search/manifest.py). */
  Index.prototype.chunk = async function (doc, c) {
    var text = await this.get("text/" + doc + "-" + Math.floor(c / this.group[doc]) + ".txt.gz", "gzip");
    if (!text) return null;
    var lines = text.split("\n").filter(Boolean);
    var meta = lines[0].split("\t");
    return {
      meta: { url: meta[0], title: meta[1], isReport: meta[2] === "1", date: meta[3], region: meta[4] },
      paragraphs: lines.slice(1).map(function (line) {
        var tab = line.indexOf("\t"), raw = line.slice(tab + 1);
        return { anchor: line.slice(0, tab), raw: raw, norm: Index.normalise(raw) };
      })
    };
  };
  /* The first paragraph holding the term among the chunks its mask allows, or null. */
  Index.prototype.find = async function (doc, term, mask) {
    for (var c = 0, seen = -1; c < this.m.chunks; c++) {
      if (!(mask & (1 << c)) || Math.floor(c / this.group[doc]) === seen) continue;
      seen = Math.floor(c / this.group[doc]);  // a file of several chunks is read once
      var ch = await this.chunk(doc, c);
      if (!ch) break;
      var hit = ch.paragraphs.find(function (p) { return p.norm.indexOf(term) !== -1; });
      if (hit) return { meta: ch.meta, paragraph: hit };
    }
    return null;
  };
  /* A hit for an entry that holds every term (its first paragraph with the first term), or null. */
  Index.prototype.verify = async function (doc, terms, masks) {
    if (!terms.length) {
      var ch = await this.chunk(doc, 0);
      return ch && { meta: ch.meta, paragraph: ch.paragraphs[1] || ch.paragraphs[0], sentence: (ch.paragraphs[1] || ch.paragraphs[0]).raw.slice(0, 80) };
    }
    var first = null;
    for (var i = 0; i < terms.length; i++) {
      var found = await this.find(doc, terms[i], masks[i]);
      if (!found) return null;
      if (i === 0) first = found;
    }
    var raw = first.paragraph.raw;
    var sentences = raw.match(/[^。！？；]+[。！？；]?/g) || [raw];
    var sentence = sentences.find(function (s) { return Index.normalise(s).indexOf(terms[0]) !== -1; }) || sentences[0];
    return { meta: first.meta, paragraph: first.paragraph, sentence: sentence.trim() };
  };

  /* Where the terms occur in a text, as sorted, merged [start, end) ranges of the text itself: the
     text is compared as the index normalises it, character by character, so that the ranges map back. */
  Index.matchRanges = function (text, terms) {
    var norm = "", at = [], ranges = [];
    for (var i = 0; i < text.length;) {
      var ch = String.fromCodePoint(text.codePointAt(i)), n = Index.normalise(ch);
      for (var j = 0; j < n.length; j++) { norm += n[j]; at.push(i); }
      i += ch.length;
    }
    terms.forEach(function (term) {
      for (var k = norm.indexOf(term); term && k !== -1; k = norm.indexOf(term, k + term.length)) {
        var last = at[k + term.length - 1];
        ranges.push([at[k], last + (text.codePointAt(last) > 0xffff ? 2 : 1)]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    return ranges.reduce(function (out, r) {
      if (out.length && r[0] <= out[out.length - 1][1]) out[out.length - 1][1] = Math.max(out[out.length - 1][1], r[1]);
      else out.push(r);
      return out;
    }, []);
  };

  window.GongkaiIndex = Index;
})();
