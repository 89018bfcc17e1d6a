/*
 * html.c - the HTML report, for publication: one self-contained UTF-8 file
 * (inline CSS, no scripts, nothing fetched), in the run's language.
 *
 * Layout: a header with the counts by verdict, a legend, a summary table
 * (one row per package), then one section per package: its facts, its
 * findings (FAIL, WARN, NOT EVALUATED, INFO) in a table, and its passed
 * checks as a compact list. The markup is also well-formed XML (every
 * element closed, attributes quoted, only the five predefined entities), so
 * any XML parser can read it back.
 */
#include <stdio.h>
#include <string.h>

#include "report/report_util.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_report.h"

/* The texts of the page in one language. */
typedef struct {
	const char *lang;
	const char *title;
	const char *packages_word; /* "paket" / "packages" after a number */
	const char *summary;
	const char *legend;
	const char *legend_verdicts;
	const char *legend_statuses;
	const char *col_package;
	const char *col_kind;
	const char *col_generation;
	const char *col_verdict;
	const char *col_status;
	const char *col_check;
	const char *col_where;
	const char *col_what;
	const char *col_recommendation;
	const char *path;
	const char *size;
	const char *bytes;
	const char *findings;
	const char *no_findings;
	const char *passed_checks;
	const char *no_passed;
	const char *no_results;
	const char *scope;
	const char *part;
	const char *xml_path;
	const char *line;
	const char *whole_package;
	const char *level;
	const char *level_names[3]; /* by uy_level */
	const char *verdict_help[3]; /* PASSED, FAILED, INDETERMINATE */
	const char *class_help[UY_REPORT__CLASSES];
	const char *footer;
} html_texts;

static const html_texts html_tr = {
	"tr",
	"e-Yazışma Paket Uyum Raporu",
	"paket",
	"Özet",
	"Açıklamalar",
	"Paket sonucu",
	"Denetim durumu",
	"Paket",
	"Tür",
	"Sürüm",
	"Sonuç",
	"Durum",
	"Denetim",
	"Yer",
	"Bulgu",
	"Öneri",
	"Yol",
	"Boyut",
	"bayt",
	"Bulgular",
	"Bulgu yok.",
	"Geçen denetimler",
	"Geçen denetim yok.",
	"Bu paket için hiçbir denetim sonucu yok; sonuç bu yüzden BELİRSİZ.",
	"Kapsam",
	"Bölüm",
	"XML yolu",
	"Satır",
	"paketin geneli",
	"Seviye",
	{"HATA", "UYARI", "BİLGİ"},
	{
	    "HATA seviyesindeki denetimlerin hepsi değerlendirildi ve hepsi geçti.",
	    "HATA seviyesindeki en az bir denetimin sonucu KALDI ya da bulgu sınırı aşıldı.",
	    "KALDI sonucu veren denetim yok, ancak HATA seviyesindeki en az bir denetim "
	    "değerlendirilemedi (ya da hiç sonuç yok).",
	},
	{
	    "HATA seviyesindeki denetim geçmedi: paket rehbere, bir XSD'ye veya resmî API "
	    "davranışına uymuyor.",
	    "Referans uygulamalardan veya esnek bir kuraldan sapma; sonucu etkilemez.",
	    "Denetimin girdisi eksik veya okunamadığı için denetim yapılamadı; nedeni "
	    "yazılıdır. HATA seviyesindeyse sonuç en iyi ihtimalle BELİRSİZ olur.",
	    "İnceleme için bilgi; sonucu etkilemez.",
	    "Denetim yapıldı ve bulgu yok.",
	},
	"K.n kural numaraları, rehberin kurallar listesinden yeniden oluşturulmuş numaralardır "
	"ve yalnızca tam o denetim için bilindiğinde verilir.",
};

static const html_texts html_en = {
	"en",
	"e-Yazışma Package Conformance Report",
	"packages",
	"Summary",
	"Legend",
	"Package verdict",
	"Check status",
	"Package",
	"Kind",
	"Generation",
	"Verdict",
	"Status",
	"Check",
	"Where",
	"Finding",
	"Recommendation",
	"Path",
	"Size",
	"bytes",
	"Findings",
	"No findings.",
	"Passed checks",
	"No passed checks.",
	"There are no check results for this package, so its verdict is INDETERMINATE.",
	"Scope",
	"Part",
	"XML path",
	"Line",
	"whole package",
	"Level",
	{"FAIL", "WARN", "INFO"},
	{
	    "Every FAIL-level check was evaluated and none failed.",
	    "At least one FAIL-level check failed, or the findings limit was exceeded.",
	    "No check failed, but at least one FAIL-level check could not be evaluated "
	    "(or there are no results).",
	},
	{
	    "A FAIL-level check failed: the package breaks the guide, an XSD or the "
	    "official API's behaviour.",
	    "Deviates from the reference writers or a soft rule; does not affect the verdict.",
	    "The check could not be run because its input is missing or unreadable; the "
	    "reason is given. For a FAIL-level check the verdict is at best INDETERMINATE.",
	    "Triage aid; does not affect the verdict.",
	    "The check was run and found nothing.",
	},
	"K.n rule numbers are reconstructed from the guide's rule list and are given only "
	"where known for exactly that check.",
};

/* Colours come with a text label everywhere; in print only borders and
 * text remain. */
static const char html_css[] =
    "*{box-sizing:border-box}\n"
    "body{font-family:\"Noto Sans\",\"DejaVu Sans\",\"Segoe UI\",Arial,sans-serif;"
    "font-size:14px;line-height:1.45;color:#1a1a1a;background:#fff;margin:0 auto;"
    "max-width:1200px;padding:24px}\n"
    "h1{font-size:1.6em;margin:0 0 .3em}\n"
    "h2{font-size:1.3em;margin:1.8em 0 .6em;padding-bottom:.2em;border-bottom:2px solid #333}\n"
    "h3{font-size:1.05em;margin:1.3em 0 .5em}\n"
    "p{margin:.4em 0}\n"
    "table{border-collapse:collapse;width:100%;margin:.4em 0}\n"
    "th,td{border:1px solid #b8b8b8;padding:4px 7px;vertical-align:top;text-align:left}\n"
    "th{background:#eef0f2;font-weight:700}\n"
    "thead th.n{font-size:.85em}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "td.z{color:#8a8a8a}\n"
    "code{font-family:\"DejaVu Sans Mono\",Consolas,monospace;font-size:.9em;"
    "overflow-wrap:anywhere}\n"
    "code,.x,.name{unicode-bidi:isolate}\n"
    ".x{white-space:pre-wrap;overflow-wrap:anywhere}\n"
    ".badge{display:inline-block;padding:0 6px;border:1px solid;border-radius:3px;"
    "font-weight:700;font-size:.85em;white-space:nowrap;letter-spacing:.02em}\n"
    ".c0{color:#8b1111;background:#fde8e8;border-color:#c53030}\n"
    ".c1{color:#6b4400;background:#fff3d1;border-color:#b7791f}\n"
    ".c2{color:#333;background:#ececec;border-color:#6f6f6f}\n"
    ".c3{color:#1c3578;background:#e7eefc;border-color:#3b63c4}\n"
    ".c4{color:#14532d;background:#e3f5e8;border-color:#2f855a}\n"
    "tr.r0>td:first-child{border-left:5px solid #c53030}\n"
    "tr.r1>td:first-child{border-left:5px solid #b7791f}\n"
    "tr.r2>td:first-child{border-left:5px solid #6f6f6f}\n"
    "tr.r3>td:first-child{border-left:5px solid #3b63c4}\n"
    ".meta{color:#444}\n"
    "ul.tally{list-style:none;padding:0;margin:.5em 0}\n"
    "ul.tally li{display:inline-block;margin-right:1.4em}\n"
    "dl.legend{display:grid;grid-template-columns:max-content 1fr;gap:3px 12px;margin:.4em 0}\n"
    "dl.legend dd{margin:0}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:.4em 0}\n"
    "dl.facts dt{font-weight:700}\n"
    "dl.facts dd{margin:0}\n"
    "table.findings col.c-check{width:27%}\n"
    "table.findings col.c-where{width:22%}\n"
    "table.findings col.c-what{width:28%}\n"
    "table.findings col.c-rec{width:23%}\n"
    "table.findings td>.badge{margin-bottom:3px}\n"
    ".title{margin-top:2px}\n"
    ".small{font-size:.88em;color:#444}\n"
    ".where div{margin-bottom:2px}\n"
    ".where b{font-weight:600}\n"
    "ul.passed{columns:2;column-gap:28px;padding-left:1.2em;margin:.4em 0;font-size:.92em}\n"
    "ul.passed li{break-inside:avoid;margin-bottom:2px}\n"
    ".notice{border:1px solid #c53030;border-left-width:5px;padding:6px 10px;margin:.6em 0}\n"
    ".notice.indet{border-color:#b7791f}\n"
    "footer{margin-top:2.5em;padding-top:.5em;border-top:1px solid #b8b8b8;font-size:.88em;"
    "color:#444}\n"
    "@media print{\n"
    "body{max-width:none;padding:0;font-size:9.5pt;color:#000}\n"
    "section.pkg{break-before:page}\n"
    "tr,li,dl,.notice{break-inside:avoid}\n"
    "h2,h3{break-after:avoid}\n"
    "thead{display:table-header-group}\n"
    "th,.badge{background:none!important}\n"
    "a{color:inherit;text-decoration:none}\n"
    "}\n";

/* The page texts for the run's language (Turkish unless English). */
static const html_texts *
html_texts_for(uy_lang lang)
{
	return lang == UY_LANG_EN ? &html_en : &html_tr;
}

/* Level name in the page language (HATA/UYARI/BİLGİ, FAIL/WARN/INFO). */
static const char *
html_level_name(const html_texts *t, uy_level l)
{
	if ((int)l < 0 || (int)l > 2) {
		return "?";
	}
	return t->level_names[l];
}

/* CSS colour class of a verdict, sharing the status palette. */
static int
html_verdict_class(uy_pkg_verdict v)
{
	switch (v) {
	case UY_VERDICT_PASSED:
		return UY_REPORT__PASSED;
	case UY_VERDICT_FAILED:
		return UY_REPORT__FAIL;
	case UY_VERDICT_INDETERMINATE:
	case UY_VERDICT_NONE:
	default:
		return UY_REPORT__WARN;
	}
}

/* A bordered text label; cls picks the colour, which only repeats it. */
static uy_err
html_badge(uy_buf *b, int cls, const char *label)
{
	UY_TRY(uy_buf_printf(b, "<span class=\"badge c%d\">", cls));
	UY_TRY(uy_report__html_text(b, label));
	return uy_buf_puts(b, "</span>");
}

/* The badge of a package verdict, in the page language. */
static uy_err
html_verdict_badge(uy_buf *b, uy_pkg_verdict v, uy_lang lang)
{
	return html_badge(b, html_verdict_class(v), uy_report__verdict_label(v, lang));
}

/* A count cell; zeros are dimmed so the eye finds the non-zero ones. */
static uy_err
html_count_cell(uy_buf *b, size_t n)
{
	return uy_buf_printf(b, "<td class=\"n%s\">%zu</td>", n == 0 ? " z" : "", n);
}

/* From <!DOCTYPE> to the header: metadata, inline CSS, counts by verdict. */
static uy_err
html_header(uy_buf *b, const uy_run *run, const html_texts *t)
{
	size_t verdicts[UY_VERDICT_INDETERMINATE + 1] = {0};
	static const uy_pkg_verdict order[] = {UY_VERDICT_PASSED, UY_VERDICT_FAILED,
	    UY_VERDICT_INDETERMINATE};

	for (size_t i = 0; i < run->n_pkgs; i++) {
		verdicts[uy_report__verdict(&run->pkgs[i])]++;
	}
	UY_TRY(uy_buf_printf(b,
	    "<!DOCTYPE html>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\">\n"
	    "<head>\n"
	    "<meta charset=\"utf-8\"/>\n"
	    /* Nothing may be fetched or run, even if escaping ever failed. */
	    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	    "style-src 'unsafe-inline'; img-src data:\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	    "<meta name=\"generator\" content=\"uyum ",
	    t->lang));
	UY_TRY(uy_report__html_text(b, run->version));
	UY_TRY(uy_buf_puts(b, "\"/>\n"
	    /* An empty icon, so that no browser asks a server for one. */
	    "<link rel=\"icon\" href=\"data:,\"/>\n"
	    "<title>"));
	UY_TRY(uy_report__html_text(b, t->title));
	UY_TRY(uy_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n<h1>",
	    html_css));
	UY_TRY(uy_report__html_text(b, t->title));
	UY_TRY(uy_buf_puts(b, "</h1>\n<p class=\"meta\">uyum "));
	UY_TRY(uy_report__html_text(b, run->version));
	UY_TRY(uy_buf_printf(b, " · %zu %s</p>\n<ul class=\"tally\">\n", run->n_pkgs,
	    t->packages_word));
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		UY_TRY(uy_buf_puts(b, "<li>"));
		UY_TRY(html_verdict_badge(b, order[i], run->lang));
		UY_TRY(uy_buf_printf(b, " %zu</li>\n", verdicts[order[i]]));
	}
	return uy_buf_puts(b, "</ul>\n</header>\n<main>\n");
}

/* The summary table: one row per package, linking to its section. */
static uy_err
html_summary(uy_buf *b, const uy_run *run, const html_texts *t)
{
	static const uy_report_class cols[] = {UY_REPORT__FAIL, UY_REPORT__WARN, UY_REPORT__INFO,
	    UY_REPORT__NOT_EVALUATED, UY_REPORT__PASSED};

	UY_TRY(uy_buf_printf(b,
	    "<section class=\"summary\">\n<h2>%s</h2>\n<table>\n<thead>\n<tr><th class=\"n\">#</th>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>",
	    t->summary, t->col_package, t->col_kind, t->col_generation, t->col_verdict));
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		UY_TRY(uy_buf_printf(b, "<th class=\"n\">%s</th>",
		    uy_report__status_label(cols[c], run->lang)));
	}
	UY_TRY(uy_buf_puts(b, "</tr>\n</thead>\n<tbody>\n"));
	for (size_t i = 0; i < run->n_pkgs; i++) {
		const uy_pkg_report *p = &run->pkgs[i];
		uy_report_counts k = {{0}};
		uy_report__count(p, &k);
		UY_TRY(uy_buf_printf(b, "<tr><td class=\"n\">%zu</td><td><a class=\"name\" "
		    "href=\"#pkg-%zu\">", i + 1, i + 1));
		UY_TRY(uy_report__html_text(b, p->name));
		UY_TRY(uy_buf_puts(b, "</a></td><td>"));
		UY_TRY(uy_report__html_text(b, p->kind));
		UY_TRY(uy_buf_puts(b, "</td><td>"));
		UY_TRY(uy_report__html_text(b, p->generation));
		UY_TRY(uy_buf_puts(b, "</td><td>"));
		UY_TRY(html_verdict_badge(b, uy_report__verdict(p), run->lang));
		UY_TRY(uy_buf_puts(b, "</td>"));
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
			UY_TRY(html_count_cell(b, k.n[cols[c]]));
		}
		UY_TRY(uy_buf_puts(b, "</tr>\n"));
	}
	return uy_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

/* What each verdict and status means, so the report explains itself. */
static uy_err
html_legend(uy_buf *b, const uy_run *run, const html_texts *t)
{
	static const uy_pkg_verdict verdicts[] = {UY_VERDICT_PASSED, UY_VERDICT_FAILED,
	    UY_VERDICT_INDETERMINATE};

	/* Two lists: in English a verdict and a status share the words
	 * PASSED and FAILED. */
	UY_TRY(uy_buf_printf(b, "<section class=\"legend\">\n<h3>%s</h3>\n<p class=\"small\"><b>%s"
	    "</b></p>\n<dl class=\"legend\">\n", t->legend, t->legend_verdicts));
	for (size_t i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++) {
		UY_TRY(uy_buf_puts(b, "<dt>"));
		UY_TRY(html_verdict_badge(b, verdicts[i], run->lang));
		UY_TRY(uy_buf_printf(b, "</dt><dd>%s</dd>\n", t->verdict_help[i]));
	}
	UY_TRY(uy_buf_printf(b, "</dl>\n<p class=\"small\"><b>%s</b></p>\n<dl class=\"legend\">\n",
	    t->legend_statuses));
	for (int c = 0; c < UY_REPORT__CLASSES; c++) {
		UY_TRY(uy_buf_puts(b, "<dt>"));
		UY_TRY(html_badge(b, c, uy_report__status_label((uy_report_class)c, run->lang)));
		UY_TRY(uy_buf_printf(b, "</dt><dd>%s</dd>\n", t->class_help[c]));
	}
	return uy_buf_puts(b, "</dl>\n</section>\n");
}

/* One labelled line of the "where" cell, skipped when empty. */
static uy_err
html_where_line(uy_buf *b, const char *label, const char *value, int code)
{
	if (value == NULL || value[0] == '\0') {
		return UY_OK;
	}
	UY_TRY(uy_buf_printf(b, "<div><b>%s:</b> %s", label, code ? "<code>" : "<span class=\"x\">"));
	UY_TRY(uy_report__html_text(b, value));
	return uy_buf_puts(b, code ? "</code></div>" : "</span></div>");
}

/* One findings row: status and check, where, what is wrong, what to do. */
static uy_err
html_finding(uy_buf *b, const uy_result *res, uy_report_class cls, uy_lang lang,
    const html_texts *t)
{
	const uy_check_def *c = res->check;
	const char *rec = uy_report__recommendation(res, lang);

	/* The status badge heads the check cell: a column of its own would
	 * be too narrow for DEĞERLENDİRİLMEDİ on paper. */
	UY_TRY(uy_buf_printf(b, "<tr class=\"r%d\"><td>", (int)cls));
	UY_TRY(html_badge(b, (int)cls, uy_report__status_label(cls, lang)));
	UY_TRY(uy_buf_puts(b, "<div><code>"));
	UY_TRY(uy_report__html_text(b, c->id));
	UY_TRY(uy_buf_puts(b, "</code></div><div class=\"small\">"));
	if (c->rule != NULL) {
		UY_TRY(uy_buf_puts(b, "<b>"));
		UY_TRY(uy_report__html_text(b, c->rule));
		UY_TRY(uy_buf_puts(b, "</b> · "));
	}
	UY_TRY(uy_buf_printf(b, "%s: %s</div><div class=\"title\">", t->level,
	    html_level_name(t, c->level)));
	UY_TRY(uy_report__html_text(b, lang == UY_LANG_EN ? c->title_en : c->title_tr));
	UY_TRY(uy_buf_puts(b, "</div></td>\n<td class=\"where\">"));
	if ((res->scope == NULL || res->scope[0] == '\0') && (res->part == NULL ||
	    res->part[0] == '\0') && (res->path == NULL || res->path[0] == '\0') && res->line <= 0) {
		UY_TRY(uy_buf_printf(b, "<span class=\"small\">%s</span>", t->whole_package));
	}
	UY_TRY(html_where_line(b, t->scope, res->scope, 1));
	UY_TRY(html_where_line(b, t->part, res->part, 1));
	UY_TRY(html_where_line(b, t->xml_path, res->path, 1));
	if (res->line > 0) {
		UY_TRY(uy_buf_printf(b, "<div><b>%s:</b> %ld</div>", t->line, res->line));
	}
	UY_TRY(uy_buf_puts(b, "</td>\n<td class=\"x\">"));
	UY_TRY(uy_report__html_text(b, uy_report__message(res, lang)));
	UY_TRY(uy_buf_puts(b, "</td>\n<td>"));
	UY_TRY(uy_report__html_text(b, rec));
	return uy_buf_puts(b, "</td></tr>\n");
}

/* One item of the compact passed-checks list. */
static uy_err
html_passed_item(uy_buf *b, const uy_result *res, uy_lang lang)
{
	const uy_check_def *c = res->check;

	UY_TRY(uy_buf_puts(b, "<li><code>"));
	UY_TRY(uy_report__html_text(b, c->id));
	UY_TRY(uy_buf_puts(b, "</code>"));
	if (c->rule != NULL) {
		UY_TRY(uy_buf_puts(b, " <b>"));
		UY_TRY(uy_report__html_text(b, c->rule));
		UY_TRY(uy_buf_puts(b, "</b>"));
	}
	if (res->scope != NULL && res->scope[0] != '\0') {
		UY_TRY(uy_buf_puts(b, " <code class=\"small\">"));
		UY_TRY(uy_report__html_text(b, res->scope));
		UY_TRY(uy_buf_puts(b, "</code>"));
	}
	UY_TRY(uy_buf_puts(b, " — "));
	UY_TRY(uy_report__html_text(b, lang == UY_LANG_EN ? c->title_en : c->title_tr));
	return uy_buf_puts(b, "</li>\n");
}

/* The notice for findings dropped past UY_MAX_FINDINGS. */
static uy_err
html_suppressed(uy_buf *b, const uy_pkg_report *p, uy_lang lang)
{
	UY_TRY(uy_buf_puts(b, "<p class=\"notice\">"));
	UY_TRY(html_badge(b, UY_REPORT__FAIL, uy_report__status_label(UY_REPORT__FAIL, lang)));
	UY_TRY(uy_buf_puts(b, " <code>" UY_REPORT__SUPPRESSED_ID "</code> "));
	UY_TRY(uy_buf_printf(b, lang == UY_LANG_EN ? UY_REPORT__SUPPRESSED_EN :
	    UY_REPORT__SUPPRESSED_TR, p->suppressed, UY_MAX_FINDINGS));
	UY_TRY(uy_buf_printf(b, " %s</p>\n", lang == UY_LANG_EN ? UY_REPORT__SUPPRESSED_REC_EN :
	    UY_REPORT__SUPPRESSED_REC_TR));
	return UY_OK;
}

/* One package section: facts, notices, findings table, passed list. */
static uy_err
html_package(uy_buf *b, const uy_pkg_report *p, size_t index, uy_lang lang,
    const html_texts *t)
{
	uy_report_counts k = {{0}};
	size_t n_findings = 0;

	uy_report__count(p, &k);
	n_findings = p->n_results - k.n[UY_REPORT__PASSED];
	UY_TRY(uy_buf_printf(b, "<section class=\"pkg\" id=\"pkg-%zu\">\n<h2>%zu. <span class=\"name\">",
	    index, index));
	UY_TRY(uy_report__html_text(b, p->name));
	UY_TRY(uy_buf_puts(b, "</span> "));
	UY_TRY(html_verdict_badge(b, uy_report__verdict(p), lang));
	UY_TRY(uy_buf_printf(b, "</h2>\n<dl class=\"facts\">\n<dt>%s</dt><dd><code>", t->path));
	UY_TRY(uy_report__html_text(b, p->path));
	UY_TRY(uy_buf_puts(b, "</code></dd>\n<dt>SHA-256</dt><dd><code>"));
	UY_TRY(uy_report__html_text(b, p->sha256[0] != '\0' ? p->sha256 : "—"));
	UY_TRY(uy_buf_printf(b, "</code></dd>\n<dt>%s</dt><dd>%llu %s</dd>\n<dt>%s</dt><dd>", t->size,
	    (unsigned long long)p->size, t->bytes, t->col_kind));
	UY_TRY(uy_report__html_text(b, p->kind));
	UY_TRY(uy_buf_printf(b, "</dd>\n<dt>%s</dt><dd>", t->col_generation));
	UY_TRY(uy_report__html_text(b, p->generation));
	UY_TRY(uy_buf_puts(b, "</dd>\n</dl>\n"));
	if (p->n_results == 0) {
		UY_TRY(uy_buf_printf(b, "<p class=\"notice indet\">%s</p>\n", t->no_results));
	}
	if (p->suppressed > 0) {
		UY_TRY(html_suppressed(b, p, lang));
	}
	UY_TRY(uy_buf_printf(b, "<h3>%s (%zu)</h3>\n", t->findings, n_findings));
	if (n_findings == 0) {
		UY_TRY(uy_buf_printf(b, "<p>%s</p>\n", t->no_findings));
	} else {
		UY_TRY(uy_buf_printf(b,
		    "<table class=\"findings\">\n<colgroup><col class=\"c-check\"/>"
		    "<col class=\"c-where\"/><col class=\"c-what\"/><col class=\"c-rec\"/>"
		    "</colgroup>\n<thead>\n<tr><th>%s / %s</th><th>%s</th><th>%s</th><th>%s</th>"
		    "</tr>\n</thead>\n<tbody>\n",
		    t->col_status, t->col_check, t->col_where, t->col_what, t->col_recommendation));
		/* FAIL, then WARN, then NOT EVALUATED, then INFO; within each,
		 * the order of uy_pkg_report_finish() (scope, registry, part, line). */
		for (int cls = UY_REPORT__FAIL; cls < UY_REPORT__PASSED; cls++) {
			for (size_t i = 0; i < p->n_results; i++) {
				if ((int)uy_report__class(&p->results[i]) != cls) {
					continue;
				}
				UY_TRY(html_finding(b, &p->results[i], (uy_report_class)cls, lang, t));
			}
		}
		UY_TRY(uy_buf_puts(b, "</tbody>\n</table>\n"));
	}
	UY_TRY(uy_buf_printf(b, "<h3>%s (%zu)</h3>\n", t->passed_checks, k.n[UY_REPORT__PASSED]));
	if (k.n[UY_REPORT__PASSED] == 0) {
		UY_TRY(uy_buf_printf(b, "<p>%s</p>\n", t->no_passed));
	} else {
		UY_TRY(uy_buf_puts(b, "<ul class=\"passed\">\n"));
		for (size_t i = 0; i < p->n_results; i++) {
			if (p->results[i].status != UY_STATUS_PASSED) {
				continue;
			}
			UY_TRY(html_passed_item(b, &p->results[i], lang));
		}
		UY_TRY(uy_buf_puts(b, "</ul>\n"));
	}
	return uy_buf_puts(b, "</section>\n");
}

/* The whole page, in order. */
static uy_err
html_document(uy_buf *b, const uy_run *run)
{
	const html_texts *t = html_texts_for(run->lang);

	UY_TRY(html_header(b, run, t));
	UY_TRY(html_summary(b, run, t));
	UY_TRY(html_legend(b, run, t));
	for (size_t i = 0; i < run->n_pkgs; i++) {
		UY_TRY(html_package(b, &run->pkgs[i], i + 1, run->lang, t));
	}
	UY_TRY(uy_buf_printf(b, "</main>\n<footer>\n<p>%s</p>\n<p>uyum ", t->footer));
	UY_TRY(uy_report__html_text(b, run->version));
	return uy_buf_puts(b, "</p>\n</footer>\n</body>\n</html>\n");
}

/* see uy_report.h */
uy_err
uy_report_write_html(const uy_run *run, const char *path)
{
	uy_err rc = UY_OK;
	uy_buf b;

	UY_ASSERT_ARG(run != NULL && path != NULL && (run->pkgs != NULL || run->n_pkgs == 0));
	uy_buf_init(&b, uy_report__max_bytes, 0);
	UY_TRY_OUT(html_document(&b, run));
done:
	return uy_report__finish(rc, &b, path);
}
