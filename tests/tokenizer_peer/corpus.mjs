// Deterministic test corpus for the tokenizer peer comparison. The same seed always yields the same
// strings, so a mismatch found once can be reproduced; no randomness from the clock or Math.random.

function mulberry32(seed) {
  return function () {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const code = [
  "int main(int argc, char **argv) {\n    return 0;\n}\n",
  "def f(x):\n    if x > 0:\n        return x * 2\n    return -x\n",
  "for (let i = 0; i < n; ++i) { sum += a[i]; }",
  "    \tconst auto &[key, value] : map",
  "SELECT id, name FROM users WHERE age >= 21 ORDER BY name;",
  "#include <vector>\n#include \"foo.h\"\n",
  "x = {'a': 1, \"b\": [2, 3]}  # comment",
  "fn main() -> Result<(), Box<dyn Error>> { Ok(()) }",
  "<div class=\"row\"><span>&nbsp;</span></div>",
  "$ ls -la | grep '^d' && echo \"done\" >> log.txt",
  "if (a!=b&&c<=d||e>>=2) x^=~y;",
  "matrix[i][j] += 0.5f * (p->q - r.s);",
  "```python\nprint('hi')\n```",
  "lambda x: x**2 // 3 % 7",
  "  // TODO(kai): fix this!!!\r\n",
];
const cjk = [
  "你好，世界！", "今天天气很好，我们去公园散步吧。", "机器学习是人工智能的一个分支。",
  "日本語のテキストです。", "東京タワーに行きました。", "カタカナとひらがな",
  "안녕하세요 세계", "한국어 문장입니다.", "中文English混合text测试", "「引用」と『二重引用』",
  "繁體中文測試", "数字１２３と全角ＡＢＣ",
];
const emoji = [
  "😀", "👍🏽", "👨‍👩‍👧‍👦", "🇩🇪🇯🇵", "❤️", "🔥🔥🔥", "I ❤️ NY", "🤖 robots 🤖", "✅ done ❌ failed",
  "🧑🏿‍💻 coding", "☕️ + 🍰 = 😊", "🏳️‍🌈",
];
const numbers = [
  "1", "42", "123456789", "3.14159", "1,000,000", "2026-11-27", "0x1F", "1e-10", "-273.15",
  "v1.2.3", "12:30:45", "₹1,23,456", "½ ¾ ²³", "٣٤٥", "१२३", "Ⅻ", "10%", "$99.99",
];
const whitespace = [
  " ", "  ", "   ", "\n", "\n\n", "\n\n\n", "\t", "\t\t", " \n ", "\r\n", "\r\n\r\n", "a  b",
  "a   b", "trailing   ", "   leading", "x\n  y", "tab\tsep\tvalues", " \t \n", "\u00a0nbsp\u00a0",
  "\u3000ideographic\u3000space", "line1\n\n\nline2", "    indented", "\u2003em\u2002en",
];
const scripts = [
  "Привет, мир!", "Ελληνικά γράμματα", "مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया",
  "สวัสดีชาวโลก", "Xin chào thế giới", "Türkçe ığüşöç", "Ærøskøbing", "Straße", "ñandú",
  "ქართული", "Հայերեն", "ᚠᚢᚦᚨᚱᚲ", "Ⲁⲃⲅ", "ꦗꦮ",
];
const accents = [
  "café", "cafe\u0301", "naïve", "nai\u0308ve", "résumé", "Å", "A\u030a", "ñ", "n\u0303",
  "Ǆ ǅ ǆ", "ﬁ ligature", "Ⅸ", "ｆｕｌｌ", "e\u0301\u0302", "\u0301leading combining",
];
const english = [
  "Hello world", "The quick brown fox jumps over the lazy dog.", "I'm", "don't", "WE'LL",
  "they've", "it's", "He'd've", "'S", "O'Neil's", "rock'n'roll", "HELLO", "hello", "Hello",
  "e-mail", "state-of-the-art", "U.S.A.", "Mr. Smith", "...", "?!", "\"quoted\"", "(paren)",
  "a,b;c:d", "snake_case_name", "camelCaseName", "URL: https://example.com/a?b=c&d=e#f",
  "user@example.org", "Don't you think it's 'quoted'?", "you're", "I'LL", "'ll", "''", "'",
];
const specials = [
  "<s>", "</s>", "<unk>", "<|begin_of_text|>", "<|end_of_text|>", "<|eot_id|>",
  "<|start_header_id|>user<|end_header_id|>", "<|im_start|>", "<|im_end|>", "<|endoftext|>",
  "<think>", "</think>", "<tool_call>", "<|fim_prefix|>", "<s >", "< s>", "<|im_start|",
];

// Unicode corners: NEL and BOM, zero-width and unassigned code points, the long s and Kelvin sign
// (case folding), recent emoji, other digits.
// Left out on purpose: U+FEFF after whitespace (" \ufeff z"). JavaScript's \s counts U+FEFF as
// whitespace, Unicode's White_Space (Oniguruma, which the Hugging Face Rust tokenizers use, and
// our tokenizer) does not, so the peer splits such text differently from the reference we follow.
const edges = [
  "a\u0085b", "a\u0085\u0085 b", "x\ufeffy", "a\u180eb", "a\u200bb", "\u017f's \u212a'S",
  "I'\u017f", "a\u2029b", "\u{1FAE0} \u{1FABF} \u{1FAE8}", "\u0378", "x\u00a0 y", "\u0661\u0662\u0663\u0664",
];

const groups = [code, cjk, emoji, numbers, whitespace, scripts, accents, english, specials, edges];
const separators = ["", " ", "  ", "\n", "\t", ", ", " - ", "\n\n", "   "];

export function makeCorpus(count = 2200) {
  const rnd = mulberry32(20261127);
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  const out = [];
  // Every fragment on its own, then with a leading space, then framed by special tokens.
  for (const g of groups)
    for (const s of g) {
      out.push(s);
      out.push(" " + s);
    }
  for (const s of english.concat(cjk).slice(0, 20))
    out.push("<|im_start|>user\n" + s + "<|im_end|>\n");
  // Random mixtures: 1..6 fragments from any group with random separators.
  while (out.length < count) {
    const n = 1 + Math.floor(rnd() * 6);
    let s = "";
    for (let i = 0; i < n; ++i) {
      if (i > 0) s += pick(separators);
      s += pick(pick(groups));
    }
    // Now and then a long run of whitespace or digits, which stress the regex split.
    const r = rnd();
    if (r < 0.05) s += " ".repeat(1 + Math.floor(rnd() * 12));
    else if (r < 0.1) s = String(Math.floor(rnd() * 1e12)) + s;
    else if (r < 0.13) s = "\n".repeat(1 + Math.floor(rnd() * 4)) + s;
    out.push(s);
  }
  return out;
}
