// What a person types becomes a safe FTS5 expression; marked text becomes HTML
// whose only tags are <mark>.
import { describe, expect, test } from "bun:test";
import { cleanText, MARK_END, MARK_START, markedToHtml, MAX_WORDS, parseQuery } from "../../appliance/src/search/search.query";

describe("parseQuery", () => {
  test("each word is quoted and the one being typed matches as a prefix", () => {
    expect(parseQuery("facture edf").match).toBe('"facture" "edf"*');
  });

  test("a finished word (space or sign after it) is matched whole", () => {
    expect(parseQuery("facture ").match).toBe('"facture"');
    expect(parseQuery("facture.").match).toBe('"facture"');
  });

  test("a one-letter last word is not a prefix (it would walk much of the index)", () => {
    expect(parseQuery("photo a").match).toBe('"photo" "a"');
  });

  test("FTS5 operators and signs are words or separators, never syntax", () => {
    expect(parseQuery('NEAR("a" b) AND -c OR d:e NOT *').match).toBe('"NEAR" "a" "b" "AND" "c" "OR" "d" "e" "NOT"');
    expect(parseQuery('"').match).toBeNull();
    expect(parseQuery("*)(").match).toBeNull();
    expect(parseQuery("").match).toBeNull();
  });

  test("accented and non-Latin words stay whole; decomposed accents are composed", () => {
    expect(parseQuery("Noe\u0308l été").words).toEqual(["Noël", "été"]);
    expect(parseQuery("東京 Москва").match).toBe('"東京" "Москва"*');
  });

  test("at most MAX_WORDS words; the prefix applies only when the last word typed is kept", () => {
    const many = Array.from({ length: MAX_WORDS + 5 }, (_, i) => `w${i}`).join(" ");
    const parsed = parseQuery(many);
    expect(parsed.words).toHaveLength(MAX_WORDS);
    expect(parsed.match?.endsWith("*")).toBe(false);
  });
});

describe("markedToHtml", () => {
  test("escapes the text and turns the markers into <mark>", () => {
    expect(markedToHtml(`<a href="x">${MARK_START}R&D${MARK_END}</a> 'q'`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;<mark>R&amp;D</mark>&lt;/a&gt; &#39;q&#39;",
    );
  });

  test("an unclosed marker is closed, a stray end marker dropped", () => {
    expect(markedToHtml(`a ${MARK_START}b`)).toBe("a <mark>b</mark>");
    expect(markedToHtml(`a${MARK_END} b`)).toBe("a b");
  });
});

describe("cleanText", () => {
  test("control characters (pdftotext form feeds, the markers) become spaces; text is NFC and capped", () => {
    expect(cleanText(`page 1\fpage 2${MARK_START}x${MARK_END}`, 100)).toBe("page 1 page 2 x ");
    expect(cleanText("Noe\u0308l", 100)).toBe("Noël");
    expect(cleanText("abcdef", 3)).toBe("abc");
    expect(cleanText("line\nnext\ttab", 100)).toBe("line\nnext\ttab");
  });
});

describe("names only while the word being typed is short", () => {
  test("a two-letter prefix searches names only; three letters, or a finished word, search texts too", () => {
    expect(parseQuery("fa").namesOnly).toBe(true);
    expect(parseQuery("edf fa").namesOnly).toBe(true);
    expect(parseQuery("fac").namesOnly).toBe(false);
    expect(parseQuery("fa ").namesOnly).toBe(false);
    expect(parseQuery("a").namesOnly).toBe(false);
  });
});
