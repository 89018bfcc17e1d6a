/*
 * check_report.c - unit tests of the report writers (harness/src/report).
 *
 * A synthetic run (two packages, hostile strings) is written in all four
 * formats and compared byte for byte with harness/tests/golden/report.*.exp.
 * Set UY_GOLDEN_UPDATE=1 to rewrite the goldens instead, then review the
 * diff like code. The outputs are also parsed back (libxml2 for JUnit and
 * HTML, libcsv for CSV, a structural scan for JSON).
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/report_util.h"
#include "uy_test.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_check.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_report.h"

#define GOLDEN_DIR UY_SOURCE_DIR "/harness/tests/golden"

/* The hostile value: markup, quotes, a comma, CR LF, an ESC sequence,
 * invalid UTF-8 (FF, a truncated C3) and an RTL override. */
#define HOSTILE "../<script>alert('x')</script>,\"q\"\r\nnext \xff\xc3( \x1b[31m \xe2\x80\xae" \
	"fdp.exe"

static const char *const INNER = "/SifreliIcerik/E69C0E2B-6D2B-4A3E-9E5B-2F6A0C3B7D11";

/* ---- fixtures ---------------------------------------------------------- */

typedef struct {
	uy_pkg_report pkgs[2];
	uy_run run;
} fixture;

static void
fixture_build(fixture *f, uy_lang lang)
{
	uy_ctx ctx = {NULL, "", 0, NULL};
	uy_loc loc = UY_LOC_NONE;

	memset(f, 0, sizeof(*f));
	/* Package 1: FAILED, with every kind of row and hostile strings. */
	ck_assert_int_eq(uy_pkg_report_init(&f->pkgs[0],
	    "in/kötü \"paket\",<script>&amp;\xff.eyp"), UY_OK);
	ctx.report = &f->pkgs[0];
	ctx.scope = "";
	snprintf(f->pkgs[0].sha256, sizeof(f->pkgs[0].sha256), "%s",
	    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
	f->pkgs[0].size = 48213;
	snprintf(f->pkgs[0].kind, sizeof(f->pkgs[0].kind), ".eyps");
	snprintf(f->pkgs[0].generation, sizeof(f->pkgs[0].generation), "2.x");
	loc.part = "/Ekler/a,b\"c\x01.pdf";
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_ZIP_NAME_UNSAFE, loc,
	    "Girdi adı \"%s\" '..' kesimi içeriyor", "Entry name \"%s\" contains a '..' segment",
	    HOSTILE), UY_OK);
	loc.part = "/Ustveri/Ustveri.xml";
	loc.path = "/UstVeri";
	loc.line = 2;
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_XML_DOCTYPE, loc,
	    "Bölümde <!DOCTYPE %s> bildirimi var", "The part declares <!DOCTYPE %s>", "UstVeri"),
	    UY_OK);
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_OPC_CT_MISSING), UY_OK);
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_CORE_IDENTIFIER), UY_OK);
	ck_assert_int_eq(uy_ctx_skip(&ctx, UY_CK_OPC_RELS_TARGET, UY_LOC_PART("/_rels/.rels"),
	    "/_rels/.rels okunamadı", "/_rels/.rels could not be read"), UY_OK);
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_KIND_EXTENSION, UY_LOC_NONE,
	    "Uzantı %s, paket türü %s", "Extension %s, package kind %s", ".eyp", ".eyps"), UY_OK);
	loc.part = "/_rels/.rels";
	loc.path = "/Relationships/Relationship[3]";
	loc.line = 5;
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_REL_UNKNOWN, loc, "Tür: %s", "Type: %s",
	    "http://example.org/x?a=1&b=<2>"), UY_OK);
	/* An inner package: its own scope. */
	ctx.scope = INNER;
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_MALFORMED), UY_OK);
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_USTYAZI_PDF, UY_LOC_PART("/UstYazi/Ust.pdf"),
	    "Dosya %%PDF- ile başlamıyor", "The file does not start with %%PDF-"), UY_OK);
	f->pkgs[0].suppressed = 3;
	ck_assert_int_eq(uy_pkg_report_finish(&f->pkgs[0]), UY_OK);

	/* Package 2: PASSED, passed rows only. */
	ck_assert_int_eq(uy_pkg_report_init(&f->pkgs[1], "paketv2x.eyp"), UY_OK);
	ctx.report = &f->pkgs[1];
	ctx.scope = "";
	snprintf(f->pkgs[1].sha256, sizeof(f->pkgs[1].sha256), "%s",
	    "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752");
	f->pkgs[1].size = 20411;
	snprintf(f->pkgs[1].kind, sizeof(f->pkgs[1].kind), ".eyp");
	snprintf(f->pkgs[1].generation, sizeof(f->pkgs[1].generation), "2.x");
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_ZIP_UNREADABLE), UY_OK);
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_OPC_CT_MISSING), UY_OK);
	ck_assert_int_eq(uy_ctx_pass(&ctx, UY_CK_XML_DOCTYPE), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&f->pkgs[1]), UY_OK);

	ck_assert_int_eq(f->pkgs[0].verdict, UY_VERDICT_FAILED);
	ck_assert_int_eq(f->pkgs[1].verdict, UY_VERDICT_PASSED);
	f->run.pkgs = f->pkgs;
	f->run.n_pkgs = 2;
	f->run.lang = lang;
	f->run.version = "0.1.0";
}

static void
fixture_dispose(fixture *f)
{
	uy_pkg_report_dispose(&f->pkgs[0]);
	uy_pkg_report_dispose(&f->pkgs[1]);
}

/* A fresh folder under TMPDIR (or /tmp); the caller removes it. */
static char *
tmpdir_new(void)
{
	const char *base = getenv("TMPDIR");
	char *d = uy_asprintf("%s/uy-report-XXXXXX", base != NULL && base[0] != '\0' ? base : "/tmp");

	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

/* Number of entries in a folder, "." and ".." excluded. */
static int
dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e = NULL;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			n++;
		}
	}
	closedir(d);
	return n;
}

static void
tmpdir_remove(char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e = NULL;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
				continue;
			}
			char *p = uy_asprintf("%s/%s", dir, e->d_name);
			if (p != NULL && unlink(p) != 0) {
				(void)rmdir(p);
			}
			uy_free(p);
		}
		closedir(d);
	}
	(void)rmdir(dir);
	uy_free(dir);
}

/* Whole file into memory (NUL-terminated); NULL if it cannot be read. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	uy_buf b;
	char chunk[8192];
	size_t n = 0;

	*len = 0;
	if (fp == NULL) {
		return NULL;
	}
	uy_buf_init(&b, (size_t)64 << 20, 0);
	ck_assert_int_eq(uy_buf_append(&b, "", 0), UY_OK);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		ck_assert_int_eq(uy_buf_append(&b, chunk, n), UY_OK);
	}
	fclose(fp);
	return (char *)uy_buf_take(&b, len);
}

static void
spit(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

typedef uy_err (*writer_fn)(const uy_run *, const char *);

static const struct {
	const char *name;
	writer_fn fn;
	const char *golden; /* file name under GOLDEN_DIR */
} writers[] = {
	{"html", uy_report_write_html, "report.html.exp"},
	{"csv", uy_report_write_csv, "report.csv.exp"},
	{"junit", uy_report_write_junit, "report.xml.exp"},
	{"json", uy_report_write_json, "report.json.exp"},
};
#define N_WRITERS (sizeof(writers) / sizeof(writers[0]))

/* Write the fixture with writer i; returns the bytes (owned). */
static char *
render(const fixture *f, size_t i, size_t *len)
{
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/out", dir);
	char *data = NULL;

	ck_assert_ptr_nonnull(path);
	ck_assert_msg(writers[i].fn(&f->run, path) == UY_OK, "%s writer failed: %s",
	    writers[i].name, uy_error_last());
	data = slurp(path, len);
	ck_assert_ptr_nonnull(data);
	/* Only the report: no temporary file is left beside it. */
	ck_assert_int_eq(dir_entries(dir), 1);
	uy_free(path);
	tmpdir_remove(dir);
	return data;
}

/* ---- happy ------------------------------------------------------------- */

/* *= type=test
 * Report writers are compared byte for byte against
 * harness/tests/golden/report.*.exp (house style §3.7). */
START_TEST(golden_matches)
{
	fixture f;
	size_t len = 0;
	size_t glen = 0;
	char *out = NULL;
	char *gpath = uy_asprintf("%s/%s", GOLDEN_DIR, writers[_i].golden);
	char *golden = NULL;
	const char *update = getenv("UY_GOLDEN_UPDATE");

	fixture_build(&f, UY_LANG_TR);
	out = render(&f, (size_t)_i, &len);
	if (update != NULL && strcmp(update, "1") == 0) {
		spit(gpath, out, len);
	}
	golden = slurp(gpath, &glen);
	ck_assert_msg(golden != NULL, "missing golden %s (run with UY_GOLDEN_UPDATE=1)", gpath);
	if (glen != len || memcmp(golden, out, len) != 0) {
		size_t at = 0;
		while (at < len && at < glen && golden[at] == out[at]) {
			at++;
		}
		ck_abort_msg("%s differs from %s at byte %zu (got %zu bytes, want %zu):\n"
		    "got:  %.80s\nwant: %.80s", writers[_i].name, gpath, at, len, glen,
		    out + at, golden + at);
	}
	/* Same run, same bytes: nothing depends on time or order. */
	{
		size_t len2 = 0;
		char *again = render(&f, (size_t)_i, &len2);
		ck_assert_uint_eq(len2, len);
		ck_assert_int_eq(memcmp(again, out, len), 0);
		uy_free(again);
	}
	uy_free(golden);
	uy_free(out);
	uy_free(gpath);
	fixture_dispose(&f);
}
END_TEST

/* Count elements by name in a libxml2 tree. */
static size_t
count_elems(xmlNodePtr n, const char *name)
{
	size_t c = 0;

	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, BAD_CAST name) == 0) {
			c++;
		}
		c += count_elems(n->children, name);
	}
	return c;
}

/* Whether any text node contains s. */
static int
has_text(xmlNodePtr n, const char *s)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL &&
		    strstr((const char *)n->content, s) != NULL) {
			return 1;
		}
		if (has_text(n->children, s)) {
			return 1;
		}
	}
	return 0;
}

/* Recording libxml2 errors instead of printing them. */
static void
xml_error_count(void *payload, xmlErrorPtr err)
{
	(void)err;
	(*(int *)payload)++;
}

START_TEST(junit_parses)
{
	fixture f;
	size_t len = 0;
	char *out = NULL;
	xmlDocPtr doc = NULL;
	xmlNodePtr root = NULL;
	int errors = 0;

	fixture_build(&f, UY_LANG_TR);
	out = render(&f, 2, &len);
	xmlSetStructuredErrorFunc(&errors, xml_error_count);
	doc = xmlReadMemory(out, (int)len, "report.xml", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(errors, 0);
	root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)root->name, "testsuites");
	ck_assert_uint_eq(count_elems(root, "testsuite"), 2);
	/* One testcase per result, plus one for the suppressed findings. */
	ck_assert_uint_eq(count_elems(root, "testcase"),
	    f.pkgs[0].n_results + f.pkgs[1].n_results + 1);
	/* zip::name::unsafe, xml::doctype and the suppressed findings. */
	ck_assert_uint_eq(count_elems(root, "failure"), 3);
	ck_assert_uint_eq(count_elems(root, "skipped"), 1);
	/* Two WARN, one INFO and the skip carry system-out. */
	ck_assert_uint_eq(count_elems(root, "system-out"), 4);
	/* The hostile text survives as text, cleaned. */
	ck_assert(has_text(root, "<script>alert('x')</script>"));
	ck_assert(!has_text(root, "\x1b"));
	{
		xmlChar *v = xmlGetProp(root, BAD_CAST "failures");
		ck_assert_str_eq((const char *)v, "3");
		xmlFree(v);
	}
	xmlFreeDoc(doc);
	uy_free(out);
	fixture_dispose(&f);
}
END_TEST

START_TEST(html_parses)
{
	fixture f;
	size_t len = 0;
	char *out = NULL;
	xmlDocPtr doc = NULL;
	htmlDocPtr hdoc = NULL;
	int errors = 0;

	fixture_build(&f, UY_LANG_TR);
	out = render(&f, 0, &len);
	/* The markup is well-formed XML: the strict parser accepts it. */
	xmlSetStructuredErrorFunc(&errors, xml_error_count);
	doc = xmlReadMemory(out, (int)len, "report.html", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(errors, 0);
	/* And an HTML parser sees no script, the hostile text as text. */
	hdoc = htmlReadMemory(out, (int)len, "report.html", "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	ck_assert_ptr_nonnull(hdoc);
	ck_assert_uint_eq(count_elems(xmlDocGetRootElement(hdoc), "script"), 0);
	ck_assert(has_text(xmlDocGetRootElement(hdoc), "<script>alert('x')</script>"));
	ck_assert(has_text(xmlDocGetRootElement(hdoc), "kötü \"paket\",<script>&amp;\xef\xbf\xbd.eyp"));
	/* Two package sections, each with an id the summary links to. */
	ck_assert_ptr_nonnull(strstr(out, "<section class=\"pkg\" id=\"pkg-2\">"));
	ck_assert_ptr_nonnull(strstr(out, "href=\"#pkg-2\""));
	ck_assert_ptr_nonnull(strstr(out, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"tr\">"));
	/* Self-contained: no reference leaves the file. */
	ck_assert_ptr_null(strstr(out, "src="));
	ck_assert_ptr_null(strstr(out, "href=\"http"));
	ck_assert_ptr_null(strstr(out, "url("));
	ck_assert_ptr_null(strstr(out, "@import"));
	/* The order of findings: FAIL, WARN, NOT EVALUATED, INFO. */
	{
		const char *fail = strstr(out, "<tr class=\"r0\">");
		const char *warn = strstr(out, "<tr class=\"r1\">");
		const char *ne = strstr(out, "<tr class=\"r2\">");
		const char *info = strstr(out, "<tr class=\"r3\">");
		ck_assert(fail != NULL && warn != NULL && ne != NULL && info != NULL);
		ck_assert(fail < warn && warn < ne && ne < info);
	}
	xmlFreeDoc(hdoc);
	xmlFreeDoc(doc);
	uy_free(out);
	fixture_dispose(&f);
}
END_TEST

START_TEST(html_english)
{
	fixture f;
	size_t len = 0;
	char *out = NULL;

	fixture_build(&f, UY_LANG_EN);
	out = render(&f, 0, &len);
	ck_assert_ptr_nonnull(strstr(out, "lang=\"en\">"));
	ck_assert_ptr_nonnull(strstr(out, ">NOT EVALUATED<"));
	ck_assert_ptr_nonnull(strstr(out, ">WARNING<"));
	ck_assert_ptr_nonnull(strstr(out, "Entry name &quot;../&lt;script&gt;"));
	ck_assert_ptr_null(strstr(out, "DEĞERLENDİRİLMEDİ"));
	uy_free(out);
	/* The machine formats do not depend on the language. */
	for (size_t i = 1; i < N_WRITERS; i++) {
		fixture g;
		size_t l1 = 0;
		size_t l2 = 0;
		char *a = render(&f, i, &l1);
		char *b = NULL;
		fixture_build(&g, UY_LANG_TR);
		b = render(&g, i, &l2);
		if (i == 3) {
			/* JSON names the HTML language, and nothing else differs. */
			ck_assert_ptr_nonnull(strstr(a, "\"lang\": \"en\""));
			ck_assert_uint_eq(l1, l2);
		} else {
			ck_assert_uint_eq(l1, l2);
			ck_assert_int_eq(memcmp(a, b, l1), 0);
		}
		uy_free(a);
		uy_free(b);
		fixture_dispose(&g);
	}
	fixture_dispose(&f);
}
END_TEST

/* libcsv callbacks: count fields per record and keep row 2's message_en. */
typedef struct {
	size_t fields;
	size_t rows;
	int bad_width;
	char *message_en_row2;
	char *check_id_last;
} csv_seen;

static void
csv_on_field(void *s, size_t len, void *payload)
{
	csv_seen *seen = payload;

	if (seen->rows == 1 && seen->fields == 14) {
		seen->message_en_row2 = uy_strndup(s, len);
	}
	if (seen->fields == 6) {
		uy_free(seen->check_id_last);
		seen->check_id_last = uy_strndup(s, len);
	}
	seen->fields++;
}

static void
csv_on_record(int c, void *payload)
{
	csv_seen *seen = payload;

	(void)c;
	if (seen->fields != 17) {
		seen->bad_width = 1;
	}
	seen->fields = 0;
	seen->rows++;
}

START_TEST(csv_parses)
{
	fixture f;
	size_t len = 0;
	char *out = NULL;
	struct csv_parser p;
	csv_seen seen = {0, 0, 0, NULL, NULL};

	fixture_build(&f, UY_LANG_TR);
	out = render(&f, 1, &len);
	ck_assert_int_eq(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
	ck_assert_uint_eq(csv_parse(&p, out, len, csv_on_field, csv_on_record, &seen), len);
	ck_assert_int_eq(csv_fini(&p, csv_on_field, csv_on_record, &seen), 0);
	csv_free(&p);
	/* Header, one row per result, one for the suppressed findings. */
	ck_assert_uint_eq(seen.rows, 1 + f.pkgs[0].n_results + f.pkgs[1].n_results + 1);
	ck_assert_int_eq(seen.bad_width, 0);
	/* Every record ends with CRLF. */
	ck_assert(len >= 2 && out[len - 2] == '\r' && out[len - 1] == '\n');
	/* Row 2 is zip::name::unsafe: its message round-trips, cleaned. */
	ck_assert_ptr_nonnull(seen.message_en_row2);
	ck_assert_str_eq(seen.message_en_row2,
	    "Entry name \"../<script>alert('x')</script>,\"q\"\r\nnext \xef\xbf\xbd\xef\xbf\xbd( "
	    "\xef\xbf\xbd[31m \xef\xbf\xbd" "fdp.exe\" contains a '..' segment");
	ck_assert_str_eq(seen.check_id_last, f.pkgs[1].results[f.pkgs[1].n_results - 1].check->id);
	uy_free(seen.message_en_row2);
	uy_free(seen.check_id_last);
	uy_free(out);
	fixture_dispose(&f);
}
END_TEST

/* A structural scan of JSON: valid UTF-8, strings closed with valid escapes
 * and no raw control characters, brackets balanced and matched, one
 * top-level value, only JSON tokens outside strings. Not a full parser;
 * enough to catch a writer that breaks the syntax. */
static int
json_structure_ok(const char *s, size_t len, const char **why)
{
	char stack[64];
	size_t depth = 0;
	int in_str = 0;
	int seen_top = 0;
	size_t i = 0;

	*why = "";
	while (i < len) {
		uint32_t cp = 0;
		size_t used = uy_report__next_cp((const uint8_t *)s + i, len - i, &cp);
		if (cp == UY_REPORT__REPLACEMENT && !(used == 3 && memcmp(s + i, "\xef\xbf\xbd", 3) == 0)) {
			*why = "invalid UTF-8";
			return 0;
		}
		if (in_str) {
			if (cp < 0x20) {
				*why = "raw control character in a string";
				return 0;
			}
			if (cp == '\\') {
				char e = i + 1 < len ? s[i + 1] : '\0';
				if (e != '\0' && strchr("\"\\/bfnrt", e) != NULL) {
					i += 2;
					continue;
				}
				if (e != 'u' || i + 6 > len) {
					*why = "bad escape";
					return 0;
				}
				for (size_t k = 2; k < 6; k++) {
					if (strchr("0123456789abcdefABCDEF", s[i + k]) == NULL || s[i + k] == '\0') {
						*why = "bad \\u escape";
						return 0;
					}
				}
				i += 6;
				continue;
			}
			if (cp == '"') {
				in_str = 0;
			}
			i += used;
			continue;
		}
		switch (cp) {
		case '"':
			in_str = 1;
			break;
		case '{':
		case '[':
			if ((depth == 0 && seen_top) || depth == sizeof(stack)) {
				*why = "second top-level value or too deep";
				return 0;
			}
			stack[depth++] = (char)cp;
			break;
		case '}':
		case ']':
			if (depth == 0 || stack[depth - 1] != (cp == '}' ? '{' : '[')) {
				*why = "unbalanced bracket";
				return 0;
			}
			depth--;
			seen_top = depth == 0;
			break;
		default:
			if (cp > 0x7F || strchr(" \t\r\n:,-+.0123456789truefalsn", (int)cp) == NULL) {
				*why = "unexpected character outside strings";
				return 0;
			}
			break;
		}
		i += used;
	}
	if (in_str || depth != 0 || !seen_top) {
		*why = "unterminated";
		return 0;
	}
	return 1;
}

START_TEST(json_well_formed)
{
	fixture f;
	size_t len = 0;
	char *out = NULL;
	const char *why = NULL;

	fixture_build(&f, UY_LANG_TR);
	out = render(&f, 3, &len);
	ck_assert_msg(json_structure_ok(out, len, &why), "JSON: %s", why);
	ck_assert_ptr_nonnull(strstr(out, "\"schema\": \"uyum-report/1\""));
	ck_assert_ptr_nonnull(strstr(out, "\"verdicts\": {\"passed\": 1, \"failed\": 1, "
	    "\"indeterminate\": 0}"));
	/* NULL fields are JSON null, not "" or "(null)". */
	ck_assert_ptr_nonnull(strstr(out, "\"rule\": null"));
	ck_assert_ptr_nonnull(strstr(out, "\"detail_tr\": null"));
	ck_assert_ptr_nonnull(strstr(out, "\"line\": null"));
	ck_assert_ptr_null(strstr(out, "(null)"));
	/* The hostile detail, escaped. */
	ck_assert_ptr_nonnull(strstr(out, "\\\"q\\\"\\u000d\\u000anext \xef\xbf\xbd\xef\xbf\xbd( "
	    "\\u001b[31m"));
	uy_free(out);
	fixture_dispose(&f);
}
END_TEST

/* The brief's self-check: the JSON scan itself rejects broken input. */
START_TEST(json_scan_rejects)
{
	static const char *const bad[] = {
	    "{", "{\"a\": [1}", "{\"a\": \"x\n\"}", "{\"a\": \"\\q\"}", "{} {}", "{\"a\": \"\xff\"}",
	    "{\"a\": \"\\u12G4\"}",
	};
	const char *why = NULL;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(!json_structure_ok(bad[i], strlen(bad[i]), &why), "accepted %s", bad[i]);
	}
	{
		const char *good = "{\"a\": [1, -2.5e3, true, null, \"\\u00e7\"]}";
		ck_assert(json_structure_ok(good, strlen(good), &why));
	}
}
END_TEST

/* ---- malformed: hostile strings ---------------------------------------- */

static const struct {
	const char *id;
	const char *in;
	unsigned flags;
	const char *want;
} clean_rows[] = {
	{"ascii", "abc", 0, "abc"},
	{"turkish letters", "ığüşöçİĞÜŞÖÇ", 0, "ığüşöçİĞÜŞÖÇ"},
	{"empty", "", 0, ""},
	{"lone continuation", "a\x80" "b", 0, "a\xef\xbf\xbd" "b"},
	{"FF", "\xff", 0, "\xef\xbf\xbd"},
	{"C3 then ASCII", "\xc3(", 0, "\xef\xbf\xbd("},
	{"overlong C0 AF", "\xc0\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd"},
	{"overlong E0 80 AF", "\xe0\x80\xaf", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	{"surrogate ED A0 80", "\xed\xa0\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	{"truncated E2 82 at end", "\xe2\x82", 0, "\xef\xbf\xbd"},
	{"truncated E2 82 then (", "\xe2\x82(", 0, "\xef\xbf\xbd("},
	{"truncated F0 9F 98 at end", "\xf0\x9f\x98", 0, "\xef\xbf\xbd"},
	{"above U+10FFFF", "\xf4\x90\x80\x80", 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	{"F5 80", "\xf5\x80", 0, "\xef\xbf\xbd\xef\xbf\xbd"},
	{"four bytes", "\xf0\x9f\x98\x80", 0, "\xf0\x9f\x98\x80"},
	{"U+10FFFF", "\xf4\x8f\xbf\xbf", 0, "\xf4\x8f\xbf\xbf"},
	{"control kept without flag", "a\x01" "b", 0, "a\x01" "b"},
	{"control replaced", "a\x01" "b", UY_REPORT__NO_CONTROLS, "a\xef\xbf\xbd" "b"},
	{"ESC replaced", "\x1b[2J", UY_REPORT__NO_CONTROLS, "\xef\xbf\xbd[2J"},
	{"TAB LF CR kept", "\t\n\r", UY_REPORT__NO_CONTROLS, "\t\n\r"},
	{"DEL and C1 CSI", "\x7f\xc2\x9b", UY_REPORT__NO_CONTROLS, "\xef\xbf\xbd\xef\xbf\xbd"},
	{"U+FFFE", "\xef\xbf\xbe", UY_REPORT__NO_CONTROLS, "\xef\xbf\xbd"},
	{"U+00A0 kept", "\xc2\xa0", UY_REPORT__NO_CONTROLS, "\xc2\xa0"},
	{"RLO replaced", "a\xe2\x80\xae" "b", UY_REPORT__NO_CONTROLS, "a\xef\xbf\xbd" "b"},
	{"RLI replaced", "\xe2\x81\xa7", UY_REPORT__NO_CONTROLS, "\xef\xbf\xbd"},
	{"RLM kept", "\xe2\x80\x8f", UY_REPORT__NO_CONTROLS, "\xe2\x80\x8f"},
};

START_TEST(clean_table)
{
	char *out = NULL;

	ck_assert_int_eq(uy_report__clean(&out, clean_rows[_i].in, clean_rows[_i].flags), UY_OK);
	ck_assert_msg(strcmp(out, clean_rows[_i].want) == 0, "%s: got \"%s\"", clean_rows[_i].id,
	    out);
	uy_free(out);
}
END_TEST

static const struct {
	const char *id;
	const char *in;
	const char *want;
} json_rows[] = {
	{"NULL", NULL, "null"},
	{"quote and backslash", "a\"b\\c", "\"a\\\"b\\\\c\""},
	{"controls", "\x01\n\x1f", "\"\\u0001\\u000a\\u001f\""},
	{"DEL and C1", "\x7f\xc2\x85", "\"\\u007f\\u0085\""},
	{"line separators", "\xe2\x80\xa8\xe2\x80\xa9", "\"\\u2028\\u2029\""},
	{"bidi override", "\xe2\x80\xae", "\"\\u202e\""},
	{"invalid UTF-8", "\xff" "a", "\"\xef\xbf\xbd" "a\""},
	{"solidus as is", "</script>", "\"</script>\""},
	{"Turkish as is", "Öneri", "\"Öneri\""},
};

START_TEST(json_escape_table)
{
	uy_buf b;

	uy_buf_init(&b, 1024, 0);
	ck_assert_int_eq(uy_report__json_str(&b, json_rows[_i].in), UY_OK);
	ck_assert_msg(b.len == strlen(json_rows[_i].want) &&
	    memcmp(b.ptr, json_rows[_i].want, b.len) == 0, "%s: got %.*s", json_rows[_i].id,
	    (int)b.len, (const char *)b.ptr);
	uy_buf_dispose(&b);
}
END_TEST

static const struct {
	const char *id;
	const char *in;
	const char *want;
} html_rows[] = {
	{"markup", "<a href='x'>&\"</a>", "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"},
	{"entity stays text", "&amp;", "&amp;amp;"},
	{"ESC", "\x1b[0m", "\xef\xbf\xbd[0m"},
	{"invalid then markup", "\xff<", "\xef\xbf\xbd&lt;"},
	{"NULL", NULL, ""},
	{"newline kept", "a\nb", "a\nb"},
};

START_TEST(html_escape_table)
{
	uy_buf b;

	uy_buf_init(&b, 1024, 0);
	ck_assert_int_eq(uy_buf_append(&b, "", 0), UY_OK);
	ck_assert_int_eq(uy_report__html_text(&b, html_rows[_i].in), UY_OK);
	ck_assert_msg(b.len == strlen(html_rows[_i].want) &&
	    memcmp(b.ptr, html_rows[_i].want, b.len) == 0, "%s: got %.*s", html_rows[_i].id,
	    (int)b.len, (const char *)b.ptr);
	uy_buf_dispose(&b);
}
END_TEST

START_TEST(labels)
{
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__PASSED, UY_LANG_TR), "GEÇTİ");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__FAIL, UY_LANG_TR), "KALDI");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__WARN, UY_LANG_TR), "UYARI");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__INFO, UY_LANG_TR), "BİLGİ");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__NOT_EVALUATED, UY_LANG_TR),
	    "DEĞERLENDİRİLMEDİ");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__PASSED, UY_LANG_EN), "PASSED");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__FAIL, UY_LANG_EN), "FAILED");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__WARN, UY_LANG_EN), "WARNING");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__INFO, UY_LANG_EN), "INFO");
	ck_assert_str_eq(uy_report__status_label(UY_REPORT__NOT_EVALUATED, UY_LANG_EN),
	    "NOT EVALUATED");
	ck_assert_str_eq(uy_report__verdict_label(UY_VERDICT_PASSED, UY_LANG_TR), "UYGUN");
	ck_assert_str_eq(uy_report__verdict_label(UY_VERDICT_FAILED, UY_LANG_TR), "UYGUN DEĞİL");
	ck_assert_str_eq(uy_report__verdict_label(UY_VERDICT_INDETERMINATE, UY_LANG_TR),
	    "BELİRSİZ");
	ck_assert_str_eq(uy_report__verdict_label(UY_VERDICT_PASSED, UY_LANG_EN), "PASSED");
	ck_assert_str_eq(uy_report__verdict_label(UY_VERDICT_FAILED, UY_LANG_EN), "FAILED");
	ck_assert_str_eq(uy_report__verdict_label(UY_VERDICT_INDETERMINATE, UY_LANG_EN),
	    "INDETERMINATE");
}
END_TEST

/* Deterministic pseudo-random bytes 01..FF (no NUL: details are C strings). */
static char *
noise(size_t n, uint32_t seed)
{
	char *s = uy_alloc(n + 1);

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		s[i] = (char)(1 + (seed >> 16) % 255);
	}
	return s;
}

/* Random bytes in every hostile field: each format stays well-formed and
 * valid UTF-8. */
START_TEST(random_bytes)
{
	uy_pkg_report pkg;
	uy_run run = {&pkg, 1, UY_LANG_TR, "0.1.0"};
	uy_ctx ctx = {&pkg, "", 0, NULL};
	char *junk = noise(4096, (uint32_t)_i + 1);
	uy_loc loc = {junk, junk + 100, 7};
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/out", dir);
	const char *why = NULL;

	ck_assert_int_eq(uy_pkg_report_init(&pkg, junk + 2000), UY_OK);
	ctx.scope = junk + 3000;
	ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_ZIP_NAME_UNSAFE, loc, "%s", "%s", junk + 50),
	    UY_OK);
	ck_assert_int_eq(uy_ctx_skip(&ctx, UY_CK_XML_DOCTYPE, loc, "%s", "%s", junk + 9),
	    UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&pkg), UY_OK);
	for (size_t i = 0; i < N_WRITERS; i++) {
		size_t len = 0;
		char *out = NULL;
		uy_err rc = writers[i].fn(&run, path);
		ck_assert_msg(rc == UY_OK, "%s: %s", writers[i].name, uy_err_name(rc));
		out = slurp(path, &len);
		ck_assert_ptr_nonnull(out);
		for (size_t k = 0; k < len;) {
			uint32_t cp = 0;
			size_t used = uy_report__next_cp((const uint8_t *)out + k, len - k, &cp);
			/* Plain ifs: every ck_assert costs Check a write() to its pipe. */
			if (cp == UY_REPORT__REPLACEMENT && used != 3) {
				ck_abort_msg("%s: invalid UTF-8 at %zu", writers[i].name, k);
			}
			if (i != 3 && uy_report__is_unsafe(cp)) {
				/* HTML, CSV, JUnit: no control characters at all. */
				ck_abort_msg("%s: control U+%04X at %zu", writers[i].name, (unsigned)cp, k);
			}
			k += used;
		}
		if (i == 0 || i == 2) {
			int errors = 0;
			xmlDocPtr doc = NULL;
			xmlSetStructuredErrorFunc(&errors, xml_error_count);
			doc = xmlReadMemory(out, (int)len, "r", NULL, XML_PARSE_NONET);
			xmlSetStructuredErrorFunc(NULL, NULL);
			ck_assert_msg(doc != NULL && errors == 0, "%s not well-formed", writers[i].name);
			xmlFreeDoc(doc);
		}
		if (i == 3) {
			ck_assert_msg(json_structure_ok(out, len, &why), "JSON: %s", why);
		}
		uy_free(out);
	}
	uy_pkg_report_dispose(&pkg);
	uy_free(junk);
	uy_free(path);
	tmpdir_remove(dir);
}
END_TEST

/* ---- limits ------------------------------------------------------------ */

/* The report cap, at the report's exact size and one byte below it. */
START_TEST(report_cap)
{
	fixture f;
	size_t len = 0;
	char *full = NULL;
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/out", dir);

	fixture_build(&f, UY_LANG_TR);
	full = render(&f, (size_t)_i, &len);
	uy_report__max_bytes = len;
	ck_assert_int_eq(writers[_i].fn(&f.run, path), UY_OK);
	ck_assert_int_eq(dir_entries(dir), 1);
	ck_assert_int_eq(unlink(path), 0);
	uy_report__max_bytes = len - 1;
	ck_assert_int_eq(writers[_i].fn(&f.run, path), UY_ERR_LIMIT);
	/* Nothing written: neither the report nor a temporary file. */
	ck_assert_int_eq(dir_entries(dir), 0);
	uy_report__max_bytes = (size_t)UY_MAX_REPORT;
	uy_free(full);
	uy_free(path);
	tmpdir_remove(dir);
	fixture_dispose(&f);
}
END_TEST

START_TEST(atomic_missing_folder)
{
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/no/such/report.html", dir);
	char *sub = uy_asprintf("%s/no", dir);
	struct stat st;

	ck_assert_int_eq(uy_report_write_atomic(path, "x", 1), UY_ERR_IO);
	ck_assert_int_eq(stat(sub, &st), -1);
	ck_assert_int_eq(dir_entries(dir), 0);
	/* Every writer fails the same way and creates nothing. */
	{
		fixture f;
		fixture_build(&f, UY_LANG_TR);
		for (size_t i = 0; i < N_WRITERS; i++) {
			ck_assert_int_eq(writers[i].fn(&f.run, path), UY_ERR_IO);
		}
		fixture_dispose(&f);
	}
	ck_assert_int_eq(dir_entries(dir), 0);
	uy_free(sub);
	uy_free(path);
	tmpdir_remove(dir);
}
END_TEST

/* rename() onto a folder fails after the temporary file exists: it must be
 * removed. */
START_TEST(atomic_rename_fails)
{
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/report.json", dir);

	ck_assert_int_eq(mkdir(path, 0700), 0);
	ck_assert_int_eq(uy_report_write_atomic(path, "{}", 2), UY_ERR_IO);
	ck_assert_int_eq(dir_entries(dir), 1);
	ck_assert_int_eq(rmdir(path), 0);
	uy_free(path);
	tmpdir_remove(dir);
}
END_TEST

START_TEST(atomic_replaces)
{
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/report.csv", dir);
	size_t len = 0;
	char *back = NULL;
	struct stat st;
	mode_t mask = umask(022);

	spit(path, "old content that is longer", 26);
	ck_assert_int_eq(uy_report_write_atomic(path, "new", 3), UY_OK);
	back = slurp(path, &len);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(memcmp(back, "new", 3), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	ck_assert_int_eq(dir_entries(dir), 1);
	uy_free(back);
	/* An empty report is a valid (empty) file. */
	ck_assert_int_eq(uy_report_write_atomic(path, NULL, 0), UY_OK);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	(void)umask(mask);
	uy_free(path);
	tmpdir_remove(dir);
}
END_TEST

/* An empty run, and a package without results (INDETERMINATE). */
START_TEST(empty_inputs)
{
	uy_pkg_report pkg;
	uy_run empty = {NULL, 0, UY_LANG_TR, NULL};
	uy_run one = {&pkg, 1, UY_LANG_EN, "0.1.0"};
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/out", dir);
	const char *why = NULL;

	ck_assert_int_eq(uy_pkg_report_init(&pkg, "unreadable.eyp"), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&pkg), UY_OK);
	ck_assert_int_eq(pkg.verdict, UY_VERDICT_INDETERMINATE);
	for (size_t i = 0; i < N_WRITERS; i++) {
		size_t len = 0;
		char *out = NULL;
		ck_assert_int_eq(writers[i].fn(&empty, path), UY_OK);
		out = slurp(path, &len);
		if (i == 1) {
			ck_assert_uint_eq(len, strlen(out));
			ck_assert_ptr_nonnull(strstr(out, "package,package_sha256,"));
			ck_assert_ptr_null(strstr(out, "\r\n\"") );
		}
		if (i == 3) {
			ck_assert_msg(json_structure_ok(out, len, &why), "JSON: %s", why);
			ck_assert_ptr_nonnull(strstr(out, "\"packages\": []"));
			ck_assert_ptr_nonnull(strstr(out, "\"version\": \"\""));
		}
		uy_free(out);
		ck_assert_int_eq(writers[i].fn(&one, path), UY_OK);
		out = slurp(path, &len);
		switch (i) {
		case 0:
			ck_assert_ptr_nonnull(strstr(out, "There are no check results for this package"));
			ck_assert_ptr_nonnull(strstr(out, ">INDETERMINATE<"));
			break;
		case 2:
			ck_assert_ptr_nonnull(strstr(out, "tests=\"0\""));
			ck_assert_ptr_nonnull(strstr(out, "value=\"INDETERMINATE\""));
			break;
		case 3:
			ck_assert_msg(json_structure_ok(out, len, &why), "JSON: %s", why);
			ck_assert_ptr_nonnull(strstr(out, "\"results\": []"));
			ck_assert_ptr_nonnull(strstr(out, "\"verdict\": \"INDETERMINATE\""));
			break;
		default:
			break;
		}
		uy_free(out);
	}
	uy_pkg_report_dispose(&pkg);
	uy_free(path);
	tmpdir_remove(dir);
}
END_TEST

/* One past UY_MAX_FINDINGS: the package is FAILED by the suppressed count,
 * which every format shows. */
START_TEST(findings_cap)
{
	uy_pkg_report pkg;
	uy_run run = {&pkg, 1, UY_LANG_TR, "0.1.0"};
	uy_ctx ctx = {&pkg, "", 0, NULL};
	char *dir = tmpdir_new();
	char *path = uy_asprintf("%s/out", dir);
	const char *why = NULL;

	ck_assert_int_eq(uy_pkg_report_init(&pkg, "many.eyp"), UY_OK);
	for (unsigned i = 0; i < UY_MAX_FINDINGS + 1; i++) {
		uy_loc loc = {"/_rels/.rels", NULL, (long)i + 1};
		/* FAIL level: a dropped FAIL-level finding keeps the package FAILED. */
		ck_assert_int_eq(uy_ctx_fail(&ctx, UY_CK_REL_TARGET_MISSING, loc, "%u", "%u", i), UY_OK);
	}
	ck_assert_int_eq(uy_pkg_report_finish(&pkg), UY_OK);
	ck_assert_uint_eq(pkg.suppressed, 1);
	ck_assert_int_eq(pkg.verdict, UY_VERDICT_FAILED);
	for (size_t i = 0; i < N_WRITERS; i++) {
		size_t len = 0;
		char *out = NULL;
		ck_assert_int_eq(writers[i].fn(&run, path), UY_OK);
		out = slurp(path, &len);
		switch (i) {
		case 0:
			ck_assert_ptr_nonnull(strstr(out, "1 bulgu daha kaydedilmedi (sınır: paket başına "
			    "2000 bulgu)."));
			break;
		case 1:
		case 2:
			ck_assert_ptr_nonnull(strstr(out, UY_REPORT__SUPPRESSED_ID));
			break;
		case 3:
			ck_assert_msg(json_structure_ok(out, len, &why), "JSON: %s", why);
			ck_assert_ptr_nonnull(strstr(out, "\"suppressed\": 1,"));
			break;
		default:
			break;
		}
		uy_free(out);
	}
	uy_pkg_report_dispose(&pkg);
	uy_free(path);
	tmpdir_remove(dir);
}
END_TEST

Suite *
uy_report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");
	TCase *limits = tcase_create("limits");

	tcase_add_loop_test(happy, golden_matches, 0, (int)N_WRITERS);
	tcase_add_test(happy, junit_parses);
	tcase_add_test(happy, html_parses);
	tcase_add_test(happy, html_english);
	tcase_add_test(happy, csv_parses);
	tcase_add_test(happy, json_well_formed);
	tcase_add_test(happy, json_scan_rejects);
	tcase_add_test(happy, labels);
	suite_add_tcase(s, happy);

	tcase_add_loop_test(malformed, clean_table, 0,
	    (int)(sizeof(clean_rows) / sizeof(clean_rows[0])));
	tcase_add_loop_test(malformed, json_escape_table, 0,
	    (int)(sizeof(json_rows) / sizeof(json_rows[0])));
	tcase_add_loop_test(malformed, html_escape_table, 0,
	    (int)(sizeof(html_rows) / sizeof(html_rows[0])));
	tcase_add_loop_test(malformed, random_bytes, 0, 8);
	suite_add_tcase(s, malformed);

	tcase_add_loop_test(limits, report_cap, 0, (int)N_WRITERS);
	tcase_add_test(limits, atomic_missing_folder);
	tcase_add_test(limits, atomic_rename_fails);
	tcase_add_test(limits, atomic_replaces);
	tcase_add_test(limits, empty_inputs);
	tcase_add_test(limits, findings_cap);
	tcase_set_timeout(limits, 60);
	suite_add_tcase(s, limits);
	return s;
}

UY_TEST_MAIN(uy_report_suite)
