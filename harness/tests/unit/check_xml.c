/*
 * check_xml.c - unit tests of harness/src/xml/xml.c (uy_xml.h).
 *
 * happy:     parsing with and without BOM, namespace-aware navigation,
 *            text, attributes, paths and lines.
 * malformed: not well-formed input, DOCTYPE in every form (XXE and billion
 *            laughs included), errors kept off stderr and the thread's
 *            error handler restored.
 * limits:    nesting at UY_MAX_XML_DEPTH and one past it.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlerror.h>

#include "uy_test.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_xml.h"

#define NS_UV "urn:dpt:eyazisma:schema:xsd:Ustveri-2"
#define NS_TIP "urn:dpt:eyazisma:schema:xsd:Tipler-2"

static uy_span
span_of(const char *s)
{
	uy_span sp = {(const uint8_t *)s, strlen(s)};

	return sp;
}

/* Parse s, expecting rc; returns the document (caller frees) when UY_OK. */
static xmlDocPtr
parse_expect(const char *s, uy_err want, uy_xml_error *err)
{
	xmlDocPtr doc = NULL;
	uy_err rc = uy_xml_parse(&doc, err, span_of(s));

	ck_assert_msg(rc == want, "uy_xml_parse: got %s, want %s (%s)", uy_err_name(rc),
	    uy_err_name(want), err != NULL ? err->msg : "");
	if (want != UY_OK) {
		ck_assert_ptr_null(doc);
	}
	return doc;
}

/* A 2.x UstVeri fragment: default namespace on the root, a prefix for Tipler. */
static const char ustveri_prefixed[] =
    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<UstVeri xmlns=\"" NS_UV "\" xmlns:t=\"" NS_TIP "\">\n"
    "  <t:BelgeId>  B586D8E7-ADE1-4B08-B2B8-57250B22F8DC \n</t:BelgeId>\n"
    "  <t:DagitimListesi>\n"
    "    <t:Dagitim><t:Miat>P1D</t:Miat></t:Dagitim>\n"
    "    <t:Dagitim Tur=\"BLG\"><t:Miat>0</t:Miat></t:Dagitim>\n"
    "  </t:DagitimListesi>\n"
    "  <t:Dil></t:Dil>\n"
    "</UstVeri>\n";

/* The same infoset with the default namespace redeclared on each child. */
static const char ustveri_default[] =
    "<UstVeri xmlns=\"" NS_UV "\">"
    "<BelgeId xmlns=\"" NS_TIP "\">B586D8E7-ADE1-4B08-B2B8-57250B22F8DC</BelgeId>"
    "<DagitimListesi xmlns=\"" NS_TIP "\"><Dagitim><Miat>P1D</Miat></Dagitim>"
    "<Dagitim Tur=\"BLG\"><Miat>0</Miat></Dagitim></DagitimListesi>"
    "<Dil xmlns=\"" NS_TIP "\"/>"
    "</UstVeri>";

START_TEST(test_parse_bom_and_navigate)
{
	uy_xml_error err;
	xmlDocPtr doc = parse_expect(ustveri_prefixed, UY_OK, &err);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr list = NULL;
	xmlNodePtr d1 = NULL;
	xmlNodePtr d2 = NULL;
	char *s = NULL;

	ck_assert(uy_xml_is(root, NS_UV, "UstVeri"));
	ck_assert(uy_xml_is(root, NULL, "UstVeri"));
	ck_assert(!uy_xml_is(root, NS_TIP, "UstVeri"));
	ck_assert(!uy_xml_is(root, "", "UstVeri"));
	ck_assert_str_eq(uy_xml_ns(root), NS_UV);
	/* Namespace-aware: the prefix is irrelevant, the namespace decides. */
	ck_assert_ptr_null(uy_xml_child(root, NS_UV, "BelgeId"));
	ck_assert_ptr_nonnull(uy_xml_child(root, NS_TIP, "BelgeId"));
	s = uy_xml_text(uy_xml_child(root, NS_TIP, "BelgeId"));
	ck_assert_str_eq(s, "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC");
	uy_free(s);
	s = uy_xml_text(uy_xml_child(root, NS_TIP, "Dil"));
	ck_assert_str_eq(s, "");
	uy_free(s);
	ck_assert(uy_xml_is(uy_xml_first_element(root), NS_TIP, "BelgeId"));
	list = uy_xml_child(root, NS_TIP, "DagitimListesi");
	ck_assert_uint_eq(uy_xml_count(list, NS_TIP, "Dagitim"), 2);
	ck_assert_uint_eq(uy_xml_count(list, NS_UV, "Dagitim"), 0);
	ck_assert_uint_eq(uy_xml_count(root, NULL, NULL), 3);
	d1 = uy_xml_child(list, NS_TIP, "Dagitim");
	d2 = uy_xml_next(d1, NS_TIP, "Dagitim");
	ck_assert_ptr_nonnull(d2);
	ck_assert_ptr_null(uy_xml_next(d2, NS_TIP, "Dagitim"));
	s = uy_xml_attr(d2, "Tur");
	ck_assert_str_eq(s, "BLG");
	uy_free(s);
	ck_assert_ptr_null(uy_xml_attr(d1, "Tur"));
	s = uy_xml_path(uy_xml_child(d2, NS_TIP, "Miat"));
	ck_assert_str_eq(s, "/UstVeri/DagitimListesi/Dagitim[2]/Miat");
	uy_free(s);
	s = uy_xml_path(list);
	ck_assert_str_eq(s, "/UstVeri/DagitimListesi");
	uy_free(s);
	/* Lines are 1-based and count the BOM line as line 1. */
	ck_assert_int_eq(uy_xml_line(root), 2);
	ck_assert_int_eq(uy_xml_line(d2), 7); /* BelgeId spans lines 3-4 */
	ck_assert_int_eq(uy_xml_line(NULL), 0);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_prefix_independent)
{
	uy_xml_error err;
	xmlDocPtr a = parse_expect(ustveri_prefixed, UY_OK, &err);
	xmlDocPtr b = parse_expect(ustveri_default, UY_OK, &err);
	xmlNodePtr la = uy_xml_child(xmlDocGetRootElement(a), NS_TIP, "DagitimListesi");
	xmlNodePtr lb = uy_xml_child(xmlDocGetRootElement(b), NS_TIP, "DagitimListesi");
	char *pa = NULL;
	char *pb = NULL;

	ck_assert_ptr_nonnull(la);
	ck_assert_ptr_nonnull(lb);
	ck_assert_uint_eq(uy_xml_count(la, NS_TIP, "Dagitim"), uy_xml_count(lb, NS_TIP, "Dagitim"));
	pa = uy_xml_path(uy_xml_child(uy_xml_next(uy_xml_child(la, NS_TIP, "Dagitim"), NS_TIP,
	    "Dagitim"), NS_TIP, "Miat"));
	pb = uy_xml_path(uy_xml_child(uy_xml_next(uy_xml_child(lb, NS_TIP, "Dagitim"), NS_TIP,
	    "Dagitim"), NS_TIP, "Miat"));
	ck_assert_str_eq(pa, pb);
	uy_free(pa);
	uy_free(pb);
	xmlFreeDoc(a);
	xmlFreeDoc(b);
}
END_TEST

START_TEST(test_whitespace_kept_and_entities)
{
	uy_xml_error err;
	xmlDocPtr doc = parse_expect("<a xmlns=\"urn:x\">\n  <b>x &amp; y &#x131;</b>\n</a>", UY_OK,
	    &err);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *s = NULL;

	/* NOBLANKS is not used: the whitespace text node before <b> is kept. */
	ck_assert_ptr_nonnull(root->children);
	ck_assert_int_eq(root->children->type, XML_TEXT_NODE);
	s = uy_xml_text(uy_xml_child(root, "urn:x", "b"));
	ck_assert_str_eq(s, "x & y \xC4\xB1");
	uy_free(s);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(test_no_namespace_and_attr_path)
{
	uy_xml_error err;
	xmlDocPtr doc = parse_expect("<r><c/><c k=\"v\"/></r>", UY_OK, &err);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr c2 = uy_xml_next(uy_xml_child(root, "", "c"), "", "c");
	char *s = NULL;

	ck_assert(uy_xml_is(root, "", "r"));
	ck_assert_ptr_null(uy_xml_ns(root));
	ck_assert_ptr_nonnull(c2);
	s = uy_xml_path((xmlNodePtr)xmlHasProp(c2, (const xmlChar *)"k"));
	ck_assert_str_eq(s, "/r/c[2]/@k");
	uy_free(s);
	xmlFreeDoc(doc);
}
END_TEST

/* Malformed input: each row must fail with the given code. */
typedef struct {
	const char *id;
	const char *input;
	uy_err want;
	const char *msg_has; /* substring of the reason, or NULL */
	long line;           /* expected line, or 0 for any */
} xml_bad_row;

static const xml_bad_row bad_rows[] = {
	{"xml::malformed::unclosed", "<a>\n<b></a>", UY_ERR_XML, NULL, 2},
	{"xml::malformed::two-roots", "<a/><b/>", UY_ERR_XML, NULL, 1},
	{"xml::malformed::text-only", "just text", UY_ERR_XML, NULL, 0},
	{"xml::malformed::empty", "", UY_ERR_XML, "empty", 0},
	{"xml::malformed::undeclared-prefix", "<p:a/>", UY_ERR_XML, "p", 1},
	{"xml::malformed::undefined-entity", "<a>&e;</a>", UY_ERR_XML, "e", 1},
	{"xml::malformed::bad-utf8", "<a>\xC3\x28</a>", UY_ERR_XML, NULL, 0},
	{"xml::doctype::plain", "<!DOCTYPE a><a/>", UY_ERR_XML_DOCTYPE, "DOCTYPE", 1},
	{"xml::doctype::after-bom-and-comment", "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c -->\n"
	    "<!DOCTYPE Relationships SYSTEM \"x.dtd\">\n<Relationships/>",
	    UY_ERR_XML_DOCTYPE, "Relationships", 3},
	{"xml::doctype::xxe",
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
	    "<x>&e;</x>",
	    UY_ERR_XML_DOCTYPE, NULL, 2},
	{"xml::doctype::external-http",
	    "<!DOCTYPE x PUBLIC \"-//x//EN\" \"http://127.0.0.1:9/x.dtd\"><x/>", UY_ERR_XML_DOCTYPE,
	    NULL, 1},
	{"xml::doctype::parameter-entity",
	    "<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]><x/>", UY_ERR_XML_DOCTYPE,
	    NULL, 1},
};

/* *= eyazisma-packages.md §2.2
 *= type=test
 *# DTDs are forbidden in OPC XML parts (ISO/IEC 29500-2 M1.18); PHP rejects any DOCTYPE and
 *# never fetches over the network. Do the same.
 */
START_TEST(test_bad_rows)
{
	const xml_bad_row *row = &bad_rows[_i];
	uy_xml_error err;
	xmlDocPtr doc = NULL;
	uy_err rc = uy_xml_parse(&doc, &err, span_of(row->input));

	ck_assert_msg(rc == row->want, "%s: got %s, want %s (%s)", row->id, uy_err_name(rc),
	    uy_err_name(row->want), err.msg);
	ck_assert_ptr_null(doc);
	ck_assert_msg(err.msg[0] != '\0', "%s: no reason given", row->id);
	ck_assert_msg(strchr(err.msg, '\n') == NULL, "%s: reason is not one line", row->id);
	if (row->msg_has != NULL) {
		ck_assert_msg(strstr(err.msg, row->msg_has) != NULL, "%s: '%s' lacks '%s'", row->id,
		    err.msg, row->msg_has);
	}
	if (row->line != 0) {
		ck_assert_msg(err.line == row->line, "%s: line %ld, want %ld", row->id, err.line,
		    row->line);
	}
}
END_TEST

START_TEST(test_billion_laughs_is_fast)
{
	static const char lol[] =
	    "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
	    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
	    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
	    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
	    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
	    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
	    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
	    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
	    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
	    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
	    "]>\n<lolz>&lol9;</lolz>";
	uy_xml_error err;
	xmlDocPtr doc = NULL;
	clock_t t0 = clock();
	uy_err rc = uy_xml_parse(&doc, &err, span_of(lol));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;

	ck_assert_int_eq(rc, UY_ERR_XML_DOCTYPE);
	ck_assert_ptr_null(doc);
	ck_assert_msg(secs < 0.5, "took %.3f s", secs);
}
END_TEST

static int foreign_handler_calls;

static void
foreign_handler(void *data, xmlErrorPtr e)
{
	foreign_handler_calls++;
}

START_TEST(test_errors_not_on_stderr_and_handler_restored)
{
	FILE *cap = tmpfile();
	int saved = dup(STDERR_FILENO);
	uy_xml_error err;
	xmlDocPtr doc = NULL;
	int marker = 0;
	long size = 0;

	ck_assert_ptr_nonnull(cap);
	ck_assert_int_ge(saved, 0);
	xmlSetStructuredErrorFunc(&marker, foreign_handler);
	fflush(stderr);
	ck_assert_int_ge(dup2(fileno(cap), STDERR_FILENO), 0);
	ck_assert_int_eq(uy_xml_parse(&doc, &err, span_of("<a><b></a>")), UY_ERR_XML);
	ck_assert_int_eq(uy_xml_parse(&doc, &err, span_of("<!DOCTYPE a><a/>")), UY_ERR_XML_DOCTYPE);
	ck_assert_int_eq(uy_xml_parse(&doc, &err, span_of("<a>\xFF</a>")), UY_ERR_XML);
	fflush(stderr);
	ck_assert_int_ge(dup2(saved, STDERR_FILENO), 0);
	close(saved);
	fseek(cap, 0, SEEK_END);
	size = ftell(cap);
	fclose(cap);
	ck_assert_msg(size == 0, "libxml2 wrote %ld bytes to stderr", size);
	/* The thread's handler is the caller's again, and it saw none of our errors. */
	ck_assert_ptr_eq(xmlStructuredErrorContext, &marker);
	ck_assert_int_eq(foreign_handler_calls, 0);
	xmlSetStructuredErrorFunc(NULL, NULL);
}
END_TEST

/* n nested elements <e><e>...</e></e>. */
static char *
nested(size_t n)
{
	char *s = uy_alloc(n * 8 + 1);
	size_t k = 0;

	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++) {
		memcpy(s + k, "<e>", 3);
		k += 3;
	}
	for (size_t i = 0; i < n; i++) {
		memcpy(s + k, "</e>", 4);
		k += 4;
	}
	s[k] = '\0';
	return s;
}

START_TEST(test_depth_at_cap)
{
	char *s = nested(UY_MAX_XML_DEPTH);
	uy_xml_error err;
	xmlDocPtr doc = parse_expect(s, UY_OK, &err);

	xmlFreeDoc(doc);
	uy_free(s);
}
END_TEST

START_TEST(test_depth_past_cap)
{
	char *s = nested(UY_MAX_XML_DEPTH + 1);
	uy_xml_error err;

	(void)parse_expect(s, UY_ERR_XML, &err);
	ck_assert_msg(strstr(err.msg, "deeper") != NULL, "reason: %s", err.msg);
	uy_free(s);
}
END_TEST

START_TEST(test_depth_far_past_cap)
{
	/* Past libxml2's own limit (256): still a clean UY_ERR_XML. */
	char *s = nested(5000);
	uy_xml_error err;

	(void)parse_expect(s, UY_ERR_XML, &err);
	uy_free(s);
}
END_TEST

START_TEST(test_null_error_out)
{
	xmlDocPtr doc = NULL;

	ck_assert_int_eq(uy_xml_parse(&doc, NULL, span_of("<a")), UY_ERR_XML);
	ck_assert_ptr_null(doc);
}
END_TEST

static Suite *
uy_xml_suite(void)
{
	Suite *s = suite_create("xml");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");
	TCase *limits = tcase_create("limits");

	tcase_add_test(happy, test_parse_bom_and_navigate);
	tcase_add_test(happy, test_prefix_independent);
	tcase_add_test(happy, test_whitespace_kept_and_entities);
	tcase_add_test(happy, test_no_namespace_and_attr_path);
	tcase_add_loop_test(malformed, test_bad_rows, 0, (int)(sizeof(bad_rows) / sizeof(bad_rows[0])));
	tcase_add_test(malformed, test_billion_laughs_is_fast);
	tcase_add_test(malformed, test_errors_not_on_stderr_and_handler_restored);
	tcase_add_test(malformed, test_null_error_out);
	tcase_add_test(limits, test_depth_at_cap);
	tcase_add_test(limits, test_depth_past_cap);
	tcase_add_test(limits, test_depth_far_past_cap);
	suite_add_tcase(s, happy);
	suite_add_tcase(s, malformed);
	suite_add_tcase(s, limits);
	return s;
}

UY_TEST_MAIN(uy_xml_suite)
