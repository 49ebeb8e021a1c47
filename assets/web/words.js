// closedloop's pages: the words, from the same string tables as the window.
// The host serves each language as GET /lang/CODE.json (engine/net/net_lang.c: the keys the pages
// use, from assets/lang/CODE/*.json, English under any key a language lacks, and the translations
// of the scenario's names and news). These functions tell data in the reader's language the way
// the engine's core_text does: {1}..{9} arguments, money in the language's units, months, texts
// that carry a version per language or a reference to a table text.
"use strict";
const Words = {
  table: { lang: "en", strings: {}, content: {} },

  async load(code) {
    const r = await fetch("lang/" + code + ".json", { cache: "no-cache" });
    if (!r.ok) throw new Error("lang/" + code + ".json: " + r.status);
    Words.table = await r.json();
  },

  // A template with {1}..{9} filled; a {k} with no argument k stays as it is.
  subst(tmpl, args) {
    return String(tmpl).replace(/\{([1-9])\}/g, (m, d) =>
      args[d - 1] === undefined || args[d - 1] === null ? m : String(args[d - 1]));
  },

  // The text of key with its arguments; the key itself when the table lacks it.
  tr(key, ...args) {
    const t = Words.table.strings[key];
    return Words.subst(t === undefined ? key : t, args);
  },

  has(key) { return Words.table.strings[key] !== undefined; },

  // An English content text (a name, a news title) in the reader's language.
  content(en) { return (en && Words.table.content[en]) || en || ""; },

  // Money in $B, as core_tr_money writes it: full style in sentences, short in figures.
  money(b, full = true) {
    if (!isFinite(b)) return "?";
    const tr = Words.tr, sign = b < 0 ? "-" : "", a = Math.abs(b);
    const myriad = tr("money.system") === "myriad";
    const unit = (key, decimals, x, s = sign) => {
      let n = x.toFixed(decimals);
      if (decimals > 0 && myriad) n = n.replace(/0+$/, "").replace(/\.$/, "");
      return s + tr(key, n);
    };
    if (myriad) {
      const yi = a * 10;
      if (a >= 999.5) return unit("money.big", a >= 9995 ? 1 : 2 - (full ? 0 : 1), a / 1000);
      if (yi >= 9.95) return unit("money.mid", 0, yi);
      if (yi >= 0.995) return unit("money.mid", 1, yi);
      if (a >= 0.0005 || (full && a > 0)) return unit("money.small", 0, a * 1e5);
      return unit("money.zero", 0, 0, "");
    }
    if (a >= 999.5) return unit("money.big", full ? 2 : a >= 9995 ? 0 : 1, a / 1000);
    if (a >= 9.95) return unit("money.mid", 0, a);
    if (a >= 0.995) return unit("money.mid", 1, a);
    if (a >= 0.0005 || full) return unit("money.small", 0, a * 1000);
    return unit("money.zero", 0, 0, "");
  },

  // A fraction as the window's ui_fmt_pct: "+3.2%", "-12%", "0%".
  pct(f) {
    const p = f * 100, a = Math.abs(p);
    if (!isFinite(p)) return "?";
    if (a < 0.05) return "0%";
    const s = a < 9.95 ? p.toFixed(1) : p.toFixed(0);
    return (p > 0 ? "+" : "") + s + "%";
  },

  // "2025-03" in words: "March 2025", "2025年3月".
  month(ym) {
    const m = /^(\d{4})-(\d{2})$/.exec(ym || "");
    if (!m) return ym || "";
    return Words.tr("month.long", Words.tr("month." + Number(m[2])), m[1]);
  },

  // A text that may carry a version per language ("English\x1f中文") or be a reference to a table
  // text with its arguments ("\x1eKEY\x1eARG..."): core_text_pick.
  pick(text) {
    text = text || "";
    if (text[0] === "\x1e") return Words.tell(text);
    if (!text.includes("\x1f")) return text;
    const parts = text.split("\x1f");
    const want = Words.table.lang === "zh" ? 1 : 0;
    return parts[want] || parts.find((p) => p) || "";
  },

  tell(text) {
    const fields = text.slice(1).split("\x1e");
    const args = [];
    for (let i = 1; i < fields.length; i++) {
      const a = fields[i];
      let v = a;
      if (a[0] === "$" && a.length > 1 && isFinite(Number(a.slice(1)))) v = Words.money(Number(a.slice(1)));
      else if (a[0] === "#") v = Words.content(a.slice(1));
      else if (a[0] === "%") v = Words.tr(a.slice(1), ...args);
      args.push(v);
    }
    return Words.tr(fields[0], ...args);
  },
};
