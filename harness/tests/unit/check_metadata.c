/*
 * Unit tests of the metadata stage (harness/src/rules/metadata.c): the field
 * validators (table-driven), the stage on hand-built package infos (a clean
 * 1.x and 2.x baseline and one mutation per rule), the sample packages read
 * with libzip, and the sample packages through the whole pipeline
 * (uy_eyp_check_file) against the findings of spec §15.2-§15.4.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "rules/rules.h"
#include "uy_test.h"
#include "uyum/uyum.h"

/* ------------------------------------------------------------------------ */
/* Validators                                                               */
/* ------------------------------------------------------------------------ */

typedef enum {
	V_TCKN,
	V_KKK,      /* want: uy_kkk_form */
	V_GUID,
	V_DURATION,
	V_DATETIME,
	V_URL,
	V_KEP,
	V_SDP,
	V_MIME,
	V_ETIKET,   /* want: key, -1 when not a letter */
} vkind;

static const char *const vkind_name[] = {"tckn", "kkk", "guid", "duration", "dateTime", "url",
    "kep", "sdp", "mime", "etiket"};

typedef struct {
	const char *id;
	const char *clause;
	vkind v;
	const char *input;
	int want;
} vrow;

/* Accepted inputs (and the KKK forms / Etiket keys of valid values). */
static const vrow happy_rows[] = {
	{"tckn::sample", "spec §6, §15.2", V_TCKN, "11111111110", 1},
	{"tckn::real-form", "spec §6", V_TCKN, "10000000146", 1},
	{"tckn::d10-wraps-negative", "spec §6 (non-negative remainder)", V_TCKN, "19090909018", 1},
	{"kkk::detsis", "spec §6", V_KKK, "24301050", UY_KKK_DETSIS},
	{"kkk::detsis-sample", "spec §15.2", V_KKK, "28119270", UY_KKK_DETSIS},
	{"kkk::dtvt-legacy", "spec §6", V_KKK, "23ED5E7A15B9A2", UY_KKK_LEGACY},
	{"kkk::dtvt-lowercase", "spec §4.4 ST_KKK", V_KKK, "23ed5e7a15b9a2", UY_KKK_LEGACY},
	{"guid::upper", "spec §4.4 ST_GUID", V_GUID, "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC", 1},
	{"guid::lower", "spec §4.4 ST_GUID", V_GUID, "737b9a9f-c88a-4258-b9bc-aeaf7908094e", 1},
	{"duration::day", "XSD 1.1 §3.3.6", V_DURATION, "P1D", 1},
	{"duration::hours", "XSD 1.1 §3.3.6", V_DURATION, "PT12H", 1},
	{"duration::full", "XSD 1.1 §3.3.6", V_DURATION, "P1Y2M3DT4H5M6.7S", 1},
	{"duration::negative", "XSD 1.1 §3.3.6", V_DURATION, "-P30D", 1},
	{"duration::zero-seconds", "XSD 1.1 §3.3.6", V_DURATION, "PT0S", 1},
	{"duration::month-minute", "XSD 1.1 §3.3.6", V_DURATION, "P1MT1M", 1},
	{"duration::frac-no-digits", "XSD 1.1 unsignedDecimalPtNumeral", V_DURATION, "PT1.S", 1},
	{"duration::frac-leading-point", "XSD 1.1 unsignedDecimalPtNumeral", V_DURATION, "PT.5S",
	    1},
	{"datetime::utc-frac", "spec §15.2", V_DATETIME, "2021-02-15T09:39:31.5398074Z", 1},
	{"datetime::local", "XSD dateTime", V_DATETIME, "2022-05-05T00:00:00", 1},
	{"datetime::offset", "XSD dateTime", V_DATETIME, "2021-02-15T12:39:31+03:00", 1},
	{"datetime::offset-max", "XSD dateTime", V_DATETIME, "2021-02-15T12:39:31-14:00", 1},
	{"datetime::leap-day", "XSD dateTime", V_DATETIME, "2024-02-29T00:00:00Z", 1},
	{"datetime::leap-400", "XSD dateTime", V_DATETIME, "2000-02-29T00:00:00Z", 1},
	{"datetime::end-of-day", "XSD dateTime 24:00:00", V_DATETIME, "2021-12-31T24:00:00Z", 1},
	{"url::https", "spec §4.3", V_URL, "https://www.turkiye.gov.tr/belge-dogrulama", 1},
	{"url::http-port-query", "RFC 3986 §3", V_URL, "http://host.gov.tr:8080/a/b?x=1&y=%20#frag",
	    1},
	{"url::upper-scheme", "RFC 3986 §3.1", V_URL, "HTTPS://EXAMPLE.COM", 1},
	{"url::iri-path", "spec §7 DPT1 example", V_URL,
	    "http://HariciBilesen/eYaz\xc4\xb1\xc5\x9fma.udf", 1},
	{"url::userinfo", "RFC 3986 §3.2.1", V_URL, "https://user:pw@example.com/", 1},
	{"url::ipv6", "RFC 3986 §3.2.2", V_URL, "http://[2001:db8::1]:80/", 1},
	{"kep::hs01", "spec §6", V_KEP, "ali.veli@hs01.kep.tr", 1},
	{"kep::hs08-upper", "spec §6", V_KEP, "KURUM@HS08.KEP.TR", 1},
	{"kep::atext", "RFC 5322 dot-atom", V_KEP, "a+b_c-d@hs03.kep.tr", 1},
	{"sdp::main", "spec §6", V_SDP, "702", 1},
	{"sdp::one", "spec §6", V_SDP, "702.03", 1},
	{"sdp::three", "spec §6", V_SDP, "612.01.03.04", 1},
	{"mime::pdf", "RFC 2045 §5.1", V_MIME, "application/pdf", 1},
	{"mime::msword", "spec §2.2", V_MIME, "application/MSWord", 1},
	{"mime::param", "RFC 2045 §5.1", V_MIME, "text/plain; charset=utf-8", 1},
	{"etiket::a", "spec §6", V_ETIKET, "a", 0},
	{"etiket::A", "spec §6", V_ETIKET, "A", 0},
	{"etiket::c-cedilla", "spec §6", V_ETIKET, "\xc3\xa7", 3},
	{"etiket::C-cedilla", "spec §6", V_ETIKET, "\xc3\x87", 3},
	{"etiket::g-breve", "spec §6", V_ETIKET, "\xc4\x9f", 8},
	{"etiket::dotless-i", "spec §6 alphabet", V_ETIKET, "\xc4\xb1", 10},
	{"etiket::I-is-dotless", "Turkish casing", V_ETIKET, "I", 10},
	{"etiket::i", "spec §6", V_ETIKET, "i", 11},
	{"etiket::I-dot", "Turkish casing", V_ETIKET, "\xc4\xb0", 11},
	{"etiket::o-umlaut", "spec §6", V_ETIKET, "\xc3\x96", 18},
	{"etiket::s-cedilla", "spec §6", V_ETIKET, "\xc5\x9f", 22},
	{"etiket::u-umlaut", "spec §6", V_ETIKET, "\xc3\xbc", 25},
	{"etiket::z", "spec §6", V_ETIKET, "z", 28},
	{"etiket::q-foreign", "CS regex a-z", V_ETIKET, "q", 29},
	{"etiket::X-foreign", "CS regex A-Z", V_ETIKET, "X", 31},
};

/* Rejected inputs. */
static const vrow malformed_rows[] = {
	{"tckn::sample-bad-d11", "spec §6", V_TCKN, "11111111111", 0},
	{"tckn::bad-d10", "spec §6", V_TCKN, "11111111120", 0},
	{"tckn::leading-zero", "spec §4.4 ST_TCKN", V_TCKN, "01111111110", 0},
	{"tckn::short", "spec §6", V_TCKN, "1111111111", 0},
	{"tckn::long", "spec §6", V_TCKN, "111111111100", 0},
	{"tckn::letter", "spec §6", V_TCKN, "1111111111a", 0},
	{"tckn::empty", "spec §6", V_TCKN, "", 0},
	{"kkk::detsis-leading-zero", "spec §6", V_KKK, "02811927", UY_KKK_INVALID},
	{"kkk::seven", "spec §6", V_KKK, "2811927", UY_KKK_INVALID},
	{"kkk::nine", "spec §6", V_KKK, "281192701", UY_KKK_INVALID},
	{"kkk::hex-13", "spec §4.4 ST_KKK", V_KKK, "23ED5E7A15B9A", UY_KKK_INVALID},
	{"kkk::hex-15", "spec §4.4 ST_KKK", V_KKK, "23ED5E7A15B9A2F", UY_KKK_INVALID},
	{"kkk::hex-g", "spec §4.4 ST_KKK", V_KKK, "23ED5E7A15B9AG", UY_KKK_INVALID},
	{"kkk::empty", "spec §6", V_KKK, "", UY_KKK_INVALID},
	{"guid::short", "spec §4.4 ST_GUID", V_GUID, "B586D8E7-ADE1-4B08-B2B8-57250B22F8D", 0},
	{"guid::braces", "spec §4.4 ST_GUID", V_GUID, "{B586D8E7-ADE1-4B08-B2B8-57250B22F8DC}", 0},
	{"guid::no-dashes", "spec §4.4 ST_GUID", V_GUID, "B586D8E7ADE14B08B2B857250B22F8DC", 0},
	{"guid::not-hex", "spec §4.4 ST_GUID", V_GUID, "G586D8E7-ADE1-4B08-B2B8-57250B22F8DC", 0},
	{"duration::zero", "spec §6, §15.2 Miat 0", V_DURATION, "0", 0},
	{"duration::empty", "XSD 1.1 §3.3.6", V_DURATION, "", 0},
	{"duration::p-only", "XSD 1.1 §3.3.6", V_DURATION, "P", 0},
	{"duration::t-only", "XSD 1.1 §3.3.6", V_DURATION, "PT", 0},
	{"duration::t-trailing", "XSD 1.1 §3.3.6", V_DURATION, "P1DT", 0},
	{"duration::order", "XSD 1.1 §3.3.6", V_DURATION, "P1D1Y", 0},
	{"duration::repeat", "XSD 1.1 §3.3.6", V_DURATION, "P1D1D", 0},
	{"duration::hour-in-date", "XSD 1.1 §3.3.6", V_DURATION, "P1H", 0},
	{"duration::frac-day", "XSD 1.1 §3.3.6", V_DURATION, "P1.5D", 0},
	{"duration::frac-hour", "XSD 1.1 §3.3.6", V_DURATION, "PT1.5H", 0},
	{"duration::no-number", "XSD 1.1 §3.3.6", V_DURATION, "PD", 0},
	{"duration::point-only", "XSD 1.1 §3.3.6", V_DURATION, "PT.S", 0},
	{"duration::lowercase", "XSD 1.1 §3.3.6", V_DURATION, "p1d", 0},
	{"duration::space", "XSD 1.1 §3.3.6", V_DURATION, "P1D ", 0},
	{"duration::sign-after-p", "XSD 1.1 §3.3.6", V_DURATION, "P-1D", 0},
	{"duration::number-first", "XSD 1.1 §3.3.6", V_DURATION, "1D", 0},
	{"datetime::date-only", "XSD dateTime", V_DATETIME, "2021-02-15", 0},
	{"datetime::space", "XSD dateTime", V_DATETIME, "2021-02-15 09:39:31", 0},
	{"datetime::feb-30", "XSD dateTime", V_DATETIME, "2021-02-30T00:00:00", 0},
	{"datetime::feb-29-common", "XSD dateTime", V_DATETIME, "2023-02-29T00:00:00", 0},
	{"datetime::feb-29-1900", "XSD dateTime", V_DATETIME, "1900-02-29T00:00:00", 0},
	{"datetime::month-13", "XSD dateTime", V_DATETIME, "2021-13-01T00:00:00", 0},
	{"datetime::hour-25", "XSD dateTime", V_DATETIME, "2021-01-01T25:00:00", 0},
	{"datetime::24-not-midnight", "XSD dateTime", V_DATETIME, "2021-01-01T24:00:01", 0},
	{"datetime::second-60", "XSD dateTime", V_DATETIME, "2021-01-01T23:59:60Z", 0},
	{"datetime::frac-empty", "XSD dateTime", V_DATETIME, "2021-01-01T00:00:00.Z", 0},
	{"datetime::tz-no-colon", "XSD dateTime", V_DATETIME, "2021-01-01T00:00:00+0300", 0},
	{"datetime::tz-15", "XSD dateTime", V_DATETIME, "2021-01-01T00:00:00+15:00", 0},
	{"datetime::year-0", "XSD 1.0 dateTime", V_DATETIME, "0000-01-01T00:00:00Z", 0},
	{"datetime::trailing", "XSD dateTime", V_DATETIME, "2021-01-01T00:00:00Zx", 0},
	{"datetime::empty", "XSD dateTime", V_DATETIME, "", 0},
	{"url::empty", "spec §15.3 DogrulamaAdresi", V_URL, "", 0},
	{"url::no-scheme", "spec §6", V_URL, "www.turkiye.gov.tr/belge-dogrulama", 0},
	{"url::ftp", "spec §6", V_URL, "ftp://example.com/x", 0},
	{"url::no-host", "RFC 3986 §3.2.2", V_URL, "https:///path", 0},
	{"url::space", "RFC 3986 §2", V_URL, "https://example.com/a b", 0},
	{"url::bad-pct", "RFC 3986 §2.1", V_URL, "https://example.com/%zz", 0},
	{"url::bad-port", "RFC 3986 §3.2.3", V_URL, "https://example.com:99999/", 0},
	{"url::empty-port", "RFC 3986 §3.2.3 (kept strict)", V_URL, "https://example.com:/", 0},
	{"url::double-dot-host", "RFC 3986 §3.2.2", V_URL, "https://a..b/", 0},
	{"url::two-fragments", "RFC 3986 §3.5", V_URL, "https://a.b/#x#y", 0},
	{"url::backslash", "RFC 3986 §2", V_URL, "https://a.b\\c", 0},
	{"url::scheme-only", "RFC 3986 §3", V_URL, "https://", 0},
	{"kep::gmail", "spec §6", V_KEP, "ali@gmail.com", 0},
	{"kep::hs09", "spec §6", V_KEP, "ali@hs09.kep.tr", 0},
	{"kep::hs00", "spec §6", V_KEP, "ali@hs00.kep.tr", 0},
	{"kep::no-local", "spec §6", V_KEP, "@hs01.kep.tr", 0},
	{"kep::two-at", "spec §6", V_KEP, "a@b@hs01.kep.tr", 0},
	{"kep::double-dot", "RFC 5322 dot-atom", V_KEP, "a..b@hs01.kep.tr", 0},
	{"kep::leading-dot", "RFC 5322 dot-atom", V_KEP, ".a@hs01.kep.tr", 0},
	{"kep::space", "RFC 5322 dot-atom", V_KEP, "a b@hs01.kep.tr", 0},
	{"kep::subdomain", "spec §6", V_KEP, "a@x.hs01.kep.tr", 0},
	{"kep::no-at", "spec §6", V_KEP, "hs01.kep.tr", 0},
	{"sdp::two-digits", "spec §6", V_SDP, "70", 0},
	{"sdp::one-digit-group", "spec §6", V_SDP, "702.3", 0},
	{"sdp::four-groups", "spec §6", V_SDP, "612.01.03.04.05", 0},
	{"sdp::trailing-dot", "spec §6", V_SDP, "702.", 0},
	{"sdp::three-digit-group", "spec §6", V_SDP, "702.031", 0},
	{"sdp::empty", "spec §6", V_SDP, "", 0},
	{"mime::no-slash", "RFC 2045 §5.1", V_MIME, "pdf", 0},
	{"mime::empty-subtype", "RFC 2045 §5.1", V_MIME, "application/", 0},
	{"mime::space", "RFC 2045 §5.1", V_MIME, "application /pdf", 0},
	{"mime::two-slashes", "RFC 2045 §5.1", V_MIME, "a/b/c", 0},
	{"mime::empty", "RFC 2045 §5.1", V_MIME, "", 0},
	{"etiket::two-letters", "spec §6", V_ETIKET, "ab", -1},
	{"etiket::digit", "spec §6", V_ETIKET, "1", -1},
	{"etiket::empty", "spec §6", V_ETIKET, "", -1},
	{"etiket::paren", "spec §6", V_ETIKET, "a)", -1},
	{"etiket::e-acute", "spec §6", V_ETIKET, "\xc3\xa9", -1},
	{"etiket::two-turkish", "spec §6", V_ETIKET, "\xc3\xa7\xc3\xa7", -1},
	{"etiket::bad-utf8", "UTF-8", V_ETIKET, "\xc3", -1},
	{"etiket::overlong", "UTF-8", V_ETIKET, "\xc1\xa1", -1},
};

static void
hexdump(const char *s, char *out, size_t cap)
{
	size_t j = 0;

	out[0] = '\0';
	for (size_t i = 0; s[i] != '\0' && j + 4 < cap; i++) {
		j += (size_t)snprintf(out + j, cap - j, "%02x ", (unsigned char)s[i]);
	}
}

static int
run_validator(vkind v, const char *input)
{
	switch (v) {
	case V_TCKN:
		return uy_metadata__is_tckn(input);
	case V_KKK:
		return (int)uy_metadata__kkk_form(input);
	case V_GUID:
		return uy_rules__is_guid(input);
	case V_DURATION:
		return uy_metadata__is_duration(input);
	case V_DATETIME:
		return uy_metadata__parse_datetime(input, NULL);
	case V_URL:
		return uy_metadata__is_http_url(input);
	case V_KEP:
		return uy_metadata__is_kep(input);
	case V_SDP:
		return uy_metadata__is_sdp_kod(input);
	case V_MIME:
		return uy_metadata__is_mime(input);
	case V_ETIKET:
		return uy_metadata__etiket_key(input);
	default:
		return -99;
	}
}

static void
check_vrow(const vrow *r)
{
	int got = run_validator(r->v, r->input);
	char hex[512];

	if (got != r->want) {
		hexdump(r->input, hex, sizeof(hex));
		ck_abort_msg("%s (%s): %s('%s') = %d, want %d; input bytes: %s", r->id, r->clause,
		    vkind_name[r->v], r->input, got, r->want, hex);
	}
}

START_TEST(validator_happy)
{
	check_vrow(&happy_rows[_i]);
}
END_TEST

START_TEST(validator_malformed)
{
	check_vrow(&malformed_rows[_i]);
}
END_TEST

/* Etiket sequences: comma-separated labels, want sequence_ok. */
typedef struct {
	const char *id;
	const char *labels;
	int want;
} seqrow;

static const seqrow seq_rows[] = {
	{"none", "", 1},
	{"a", "a", 1},
	{"abc", "a,b,c", 1},
	{"abc-cedilla", "a,b,c,\xc3\xa7", 1},
	{"unordered", "c,a,b", 1},
	{"mixed-case", "A,b,C", 1},
	{"starts-at-b", "b,c", 0},
	{"gap", "a,b,d", 0},
	{"skips-c-cedilla", "a,b,c,d", 0},
	{"dotless-before-i", "a,b,c,\xc3\xa7,d,e,f,g,\xc4\x9f,h,\xc4\xb1,i", 1},
	{"i-without-dotless", "a,b,c,\xc3\xa7,d,e,f,g,\xc4\x9f,h,i", 0},
	{"foreign-q", "a,q", 0},
	{"whole-alphabet",
	    "a,b,c,\xc3\xa7,d,e,f,g,\xc4\x9f,h,\xc4\xb1,i,j,k,l,m,n,o,\xc3\xb6,p,r,s,\xc5\x9f,t,u,"
	    "\xc3\xbc,v,y,z", 1},
	{"alphabet-plus-q",
	    "a,b,c,\xc3\xa7,d,e,f,g,\xc4\x9f,h,\xc4\xb1,i,j,k,l,m,n,o,\xc3\xb6,p,r,s,\xc5\x9f,t,u,"
	    "\xc3\xbc,v,y,z,q", 0},
};

static uint32_t
seq_mask(const char *labels)
{
	char buf[256];
	uint32_t mask = 0;
	size_t j = 0;

	for (size_t i = 0;; i++) {
		if (labels[i] == ',' || labels[i] == '\0') {
			buf[j] = '\0';
			if (j > 0) {
				int key = uy_metadata__etiket_key(buf);
				ck_assert_msg(key >= 0, "label '%s' is not a letter", buf);
				mask |= 1u << key;
			}
			j = 0;
			if (labels[i] == '\0') {
				break;
			}
			continue;
		}
		ck_assert(j + 1 < sizeof(buf));
		buf[j++] = labels[i];
	}
	return mask;
}

START_TEST(etiket_sequence)
{
	const seqrow *r = &seq_rows[_i];

	ck_assert_msg(uy_metadata__etiket_sequence_ok(seq_mask(r->labels)) == r->want,
	    "etiket sequence %s ('%s'): want %d", r->id, r->labels, r->want);
}
END_TEST

START_TEST(datetime_order)
{
	uy_datetime a;
	uy_datetime b;

	/* Same instant in two zones. */
	ck_assert(uy_metadata__parse_datetime("2021-02-15T12:39:31+03:00", &a));
	ck_assert(uy_metadata__parse_datetime("2021-02-15T09:39:31Z", &b));
	ck_assert_int_eq(uy_metadata__datetime_cmp(&a, &b), 0);
	ck_assert_int_eq(a.has_tz, 1);
	/* Fractions order within a second. */
	ck_assert(uy_metadata__parse_datetime("2021-02-15T09:39:31.5398074Z", &a));
	ck_assert(uy_metadata__parse_datetime("2021-02-15T09:39:31.54Z", &b));
	ck_assert_int_lt(uy_metadata__datetime_cmp(&a, &b), 0);
	ck_assert_int_eq(a.nanos, 539807400L);
	/* 24:00:00 is the next midnight. */
	ck_assert(uy_metadata__parse_datetime("2021-12-31T24:00:00", &a));
	ck_assert(uy_metadata__parse_datetime("2022-01-01T00:00:00", &b));
	ck_assert_int_eq(uy_metadata__datetime_cmp(&a, &b), 0);
	ck_assert_int_eq(a.has_tz, 0);
	/* Epoch and a date before it. */
	ck_assert(uy_metadata__parse_datetime("1970-01-01T00:00:00Z", &a));
	ck_assert(a.secs == 0);
	ck_assert(uy_metadata__parse_datetime("1969-12-31T23:59:59Z", &a));
	ck_assert(a.secs == -1);
	ck_assert(uy_metadata__parse_datetime("0001-01-01T00:00:00Z", &a));
	ck_assert(a.secs == -62135596800LL);
	/* Invalid input zeroes the output. */
	ck_assert(!uy_metadata__parse_datetime("2021-02-30T00:00:00", &a));
	ck_assert(a.secs == 0 && a.nanos == 0 && a.has_tz == 0);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Report helpers                                                           */
/* ------------------------------------------------------------------------ */

/* Every check of metadata.def, for "nothing else failed" assertions. */
static const uy_check_id md_all[] = {
#define UY_CHECK(sym, id, rule, level, ttr, ten, rtr, ren) sym,
#include "uyum/checks/metadata.def"
#undef UY_CHECK
};
#define MD_N (sizeof(md_all) / sizeof(md_all[0]))

static size_t
count_rows(const uy_pkg_report *r, uy_check_id id, const char *scope, uy_status st)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (res->check->num == id && strcmp(res->scope, scope) == 0 && res->status == st) {
			n++;
		}
	}
	return n;
}

static void
dump_rows(const uy_pkg_report *r, const char *scope)
{
	for (size_t i = 0; i < r->n_results; i++) {
		const uy_result *res = &r->results[i];
		if (res->status != UY_STATUS_PASSED && strcmp(res->scope, scope) == 0) {
			fprintf(stderr, "  %-40s %-13s %s %s:%ld %s\n", res->check->id,
			    uy_status_name(res->status), res->part != NULL ? res->part : "",
			    res->path != NULL ? res->path : "", res->line,
			    res->detail_en != NULL ? res->detail_en : "");
		}
	}
}

/* What one metadata check must show in a scope. */
typedef struct {
	const char *id;
	int failed;  /* FAILED rows */
	int skipped; /* NOT_EVALUATED rows */
} expect;

#define MAX_EXPECT 6

/* Check ids that do not apply to a generation: they must have no row. */
static const char *const na_1x[] = {"eyp::ustveri::tarih-belgeno-forbidden",
    "eyp::ustveri::guid-uppercase", "eyp::ustveri::konulmamis-ek-ref",
    "eyp::ustveri::konulmamis-ek-empty", "eyp::ustveri::sdp-kod", "eyp::ustveri::heysk-kod",
    "eyp::ustveri::ek-ded-part-konulmamis", "eyp::ustveri::dogrulama-adresi",
    "eyp::party::kep-adresi", "eyp::nihaiustveri::malformed", "eyp::nihaiustveri::belgeno",
    "eyp::nihaiustveri::imza", "eyp::nihaiustveri::tarih", NULL};
static const char *const na_2x[] = {"eyp::ustveri::tarih", "eyp::belgehedef::malformed",
    "eyp::belgehedef::hedef-count", "eyp::belgehedef::fewer-than-dagitim",
    "eyp::belgeimza::malformed", "eyp::belgeimza::imza", NULL};
/* Outer .eyps: only BelgeHedef and the party checks apply; the deprecated
 * element check is read wherever KurumKurulus is, BelgeHedef included. */
static const char *const na_eyps[] = {"!eyp::ustveri::deprecated-element", "eyp::ustveri::",
    "eyp::nihaiustveri::", "eyp::belgeimza::", "eyp::belgehedef::fewer-than-dagitim", NULL};

static int
listed(const char *id, const char *const *list)
{
	for (; list != NULL && *list != NULL; list++) {
		size_t n = strlen(*list);
		/* An entry "!id" exempts id from the entries after it. */
		if ((*list)[0] == '!') {
			if (strcmp(id, *list + 1) == 0) {
				return 0;
			}
			continue;
		}
		/* An entry ending in "::" is a prefix. */
		if ((n > 2 && strcmp(*list + n - 2, "::") == 0) ? strncmp(id, *list, n) == 0 :
		                                                  strcmp(id, *list) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Every metadata check in scope: not applicable -> no row; listed in want ->
 * that many FAILED and NOT_EVALUATED rows; otherwise exactly one PASSED row. */
static void
assert_metadata(const uy_pkg_report *r, const char *scope, const char *const *na,
    const expect *want, size_t n_want, const char *what)
{
	for (size_t i = 0; i < MD_N; i++) {
		const uy_check_def *def = uy_check_get(md_all[i]);
		size_t failed = count_rows(r, md_all[i], scope, UY_STATUS_FAILED);
		size_t skipped = count_rows(r, md_all[i], scope, UY_STATUS_NOT_EVALUATED);
		size_t passed = count_rows(r, md_all[i], scope, UY_STATUS_PASSED);
		int want_failed = 0;
		int want_skipped = 0;
		int ok = 1;

		for (size_t k = 0; k < n_want; k++) {
			if (want[k].id != NULL && strcmp(want[k].id, def->id) == 0) {
				want_failed = want[k].failed;
				want_skipped = want[k].skipped;
			}
		}
		if (listed(def->id, na)) {
			ok = failed + skipped + passed == 0;
		} else {
			ok = failed == (size_t)want_failed && skipped == (size_t)want_skipped &&
			    passed == (want_failed == 0 && want_skipped == 0 ? 1u : 0u);
		}
		if (!ok) {
			dump_rows(r, scope);
		}
		ck_assert_msg(ok,
		    "%s: %s in scope '%s': %zu failed, %zu not evaluated, %zu passed; "
		    "want %d failed, %d not evaluated%s", what, def->id, scope, failed, skipped,
		    passed,
		    want_failed, want_skipped, listed(def->id,
		    na) ? " (not applicable: no row)" : "");
	}
}

/* ------------------------------------------------------------------------ */
/* The stage on hand-built package infos                                    */
/* ------------------------------------------------------------------------ */

typedef struct {
	uy_pkg_report rep;
	uy_ctx ctx;
	uy_pkginfo info;
	uy_part parts[16];
	uy_rel rels[16];
	size_t n_parts;
	size_t n_rels;
	char *names[64]; /* strings the parts and relationships borrow */
	size_t n_names;
} fx;

static char *
fx_str(fx *f, const char *s)
{
	char *c = uy_strdup(s);

	ck_assert(c != NULL && f->n_names < 64);
	f->names[f->n_names++] = c;
	return c;
}

static void
fx_init(fx *f, uy_kind kind, uy_gen gen, const char *version)
{
	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(uy_pkg_report_init(&f->rep, "fixture.eyp"), UY_OK);
	f->ctx.report = &f->rep;
	f->ctx.scope = "";
	f->info.kind = kind;
	f->info.gen = gen;
	f->info.gen_core = gen;
	f->info.gen_ustveri = gen;
	f->info.core_version = version != NULL ? uy_strdup(version) : NULL;
	f->info.ekler = uy_calloc(16, sizeof(*f->info.ekler));
	f->info.imzasiz_ekler = uy_calloc(16, sizeof(*f->info.imzasiz_ekler));
	ck_assert(f->info.ekler != NULL && f->info.imzasiz_ekler != NULL);
}

static const uy_part *
fx_part(fx *f, const char *name)
{
	uy_part *p = &f->parts[f->n_parts++];

	ck_assert(f->n_parts <= 16);
	p->name = fx_str(f, name);
	p->usable = 1;
	return p;
}

static xmlDocPtr
fx_parse(const char *xml, size_t len)
{
	xmlDocPtr doc = NULL;
	uy_xml_error err;
	uy_span s = {(const uint8_t *)xml, len};

	ck_assert_msg(uy_xml_parse(&doc, &err, s) == UY_OK,
	    "fixture XML does not parse: line %ld %s",
	    err.line, err.msg);
	return doc;
}

/* An attachment relationship; part_name NULL makes it dangling. */
static void
fx_attach(fx *f, const char *part_name, const char *rel_id, int unsigned_ek)
{
	uy_rel *rel = &f->rels[f->n_rels++];
	uy_attachment *a = NULL;

	ck_assert(f->n_rels <= 16 && f->info.n_ekler < 16 && f->info.n_imzasiz_ekler < 16);
	rel->id = fx_str(f, rel_id);
	rel->type = fx_str(f, unsigned_ek ? UY_REL_IMZASIZEK : UY_REL_EK);
	rel->target = fx_str(f, part_name != NULL ? part_name : "/Ekler/missing.pdf");
	a = unsigned_ek ? &f->info.imzasiz_ekler[f->info.n_imzasiz_ekler++] :
	                  &f->info.ekler[f->info.n_ekler++];
	a->rel = rel;
	a->part = part_name != NULL ? fx_part(f, part_name) : NULL;
}

static void
fx_run(fx *f)
{
	ck_assert_int_eq(uy_rules__metadata(&f->ctx, NULL, &f->info), UY_OK);
	ck_assert_int_eq(uy_pkg_report_finish(&f->rep), UY_OK);
}

static void
fx_dispose(fx *f)
{
	uy_pkginfo_dispose(&f->info);
	uy_pkg_report_dispose(&f->rep);
	for (size_t i = 0; i < f->n_names; i++) {
		uy_free(f->names[i]);
	}
}

/* Copy of s with the first occurrence of find replaced (find must occur). */
static char *
replace1(const char *s, const char *find, const char *repl)
{
	const char *at = strstr(s, find);
	size_t n = 0;
	char *out = NULL;

	ck_assert_msg(at != NULL, "mutation target '%s' not in the fixture", find);
	n = strlen(s) - strlen(find) + strlen(repl);
	out = malloc(n + 1);
	ck_assert(out != NULL);
	memcpy(out, s, (size_t)(at - s));
	memcpy(out + (at - s), repl, strlen(repl));
	memcpy(out + (at - s) + strlen(repl), at + strlen(find), strlen(at + strlen(find)) + 1);
	return out;
}

#define G_BELGE "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC"
#define G_EK1 "11111111-1111-4111-8111-111111111111"
#define G_EK2 "22222222-2222-4222-8222-222222222222"
#define G_EK3 "33333333-3333-4333-8333-333333333333"
#define G_EK4 "44444444-4444-4444-8444-444444444444"
#define G_IL1 "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAA1"
#define G_IL2 "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAA2"
#define G_IL3 "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAA3"
#define G_IL4 "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAA4"

/* A clean 2.x Ustveri using every field the rules look at. */
static const char ustveri_2x[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<UstVeri xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\""
    " xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-2\""
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
    "<t:BelgeId>" G_BELGE "</t:BelgeId>\n"
    "<t:Konu>Deneme yazısı</t:Konu>\n"
    "<t:GuvenlikKodu>YOK</t:GuvenlikKodu>\n"
    "<t:GuvenlikKoduGecerlilikTarihi xsi:nil=\"true\"/>\n"
    "<t:MimeTuru>application/pdf</t:MimeTuru>\n"
    "<t:OzId schemeID=\"GUID\">IC-1</t:OzId>\n"
    "<t:DagitimListesi>\n"
    " <t:Dagitim>\n"
    "  <t:GercekSahis><t:Kisi><t:IlkAdi>Ayşe</t:IlkAdi><t:Soyadi>Işık</t:Soyadi></t:Kisi>"
    "<t:TCKN>11111111110</t:TCKN>"
    "<t:IletisimBilgisi><t:KepAdresi>ayse.isik@hs01.kep.tr</t:KepAdresi></t:IletisimBilgisi>"
    "</t:GercekSahis>\n"
    "  <t:Ivedilik>NRM</t:Ivedilik><t:DagitimTuru>GRG</t:DagitimTuru><t:Miat>P1D</t:Miat>\n"
    " </t:Dagitim>\n"
    " <t:Dagitim>\n"
    "  <t:TuzelSahis><t:Id schemeID=\"MERSIS\">0922003497008217</t:Id></t:TuzelSahis>\n"
    "  <t:Ivedilik>ACL</t:Ivedilik><t:DagitimTuru>BLG</t:DagitimTuru>\n"
    " </t:Dagitim>\n"
    " <t:Dagitim>\n"
    "  <t:KurumKurulus><t:KKK>28119270</t:KKK></t:KurumKurulus>\n"
    "  <t:Ivedilik>GNL</t:Ivedilik><t:DagitimTuru>BLG</t:DagitimTuru><t:Miat>PT12H</t:Miat>\n"
    "  <t:KonulmamisEkListesi><t:KonulmamisEk><t:EkId>" G_EK2 "</t:EkId></t:KonulmamisEk>"
    "</t:KonulmamisEkListesi>\n"
    " </t:Dagitim>\n"
    "</t:DagitimListesi>\n"
    "<t:Ekler>\n"
    " <t:Ek><t:Id Value=\"" G_EK1 "\" EYazismaIdMi=\"false\"/><t:Tur>DED</t:Tur>"
    "<t:DosyaAdi>ek1.pdf</t:DosyaAdi><t:MimeTuru>application/pdf</t:MimeTuru>"
    "<t:SiraNo>1</t:SiraNo><t:ImzaliMi>true</t:ImzaliMi></t:Ek>\n"
    " <t:Ek><t:Id Value=\"" G_EK2 "\"/><t:Tur>DED</t:Tur><t:DosyaAdi>ek2.pdf</t:DosyaAdi>"
    "<t:MimeTuru>application/pdf</t:MimeTuru><t:SiraNo>2</t:SiraNo></t:Ek>\n"
    " <t:Ek><t:Id Value=\"" G_EK3 "\"/><t:Tur>HRF</t:Tur><t:SiraNo>3</t:SiraNo>"
    "<t:Referans>https://ornek.gov.tr/belge.pdf</t:Referans></t:Ek>\n"
    " <t:Ek><t:Id Value=\"" G_EK4 "\"/><t:Tur>FZK</t:Tur><t:Ad>İki adet CD</t:Ad>"
    "<t:SiraNo>4</t:SiraNo><t:ImzaliMi>false</t:ImzaliMi></t:Ek>\n"
    "</t:Ekler>\n"
    "<t:Ilgiler>\n"
    " <t:Ilgi><t:Id Value=\"" G_IL1 "\"/><t:Etiket>a</t:Etiket></t:Ilgi>\n"
    " <t:Ilgi><t:Id Value=\"" G_IL2 "\"/><t:Etiket>b</t:Etiket>"
    "<t:EkId>" G_EK1 "</t:EkId></t:Ilgi>\n"
    " <t:Ilgi><t:Id Value=\"" G_IL3 "\"/><t:Etiket>c</t:Etiket></t:Ilgi>\n"
    " <t:Ilgi><t:Id Value=\"" G_IL4 "\"/><t:Etiket>Ç</t:Etiket></t:Ilgi>\n"
    "</t:Ilgiler>\n"
    "<t:Dil>tur</t:Dil>\n"
    "<t:Olusturan><t:KurumKurulus><t:KKK>61648174</t:KKK></t:KurumKurulus></t:Olusturan>\n"
    "<t:DosyaAdi>ustyazi.pdf</t:DosyaAdi>\n"
    "<t:SdpBilgisi><t:AnaSdp><t:Kod>702.03</t:Kod><t:Ad>Genel</t:Ad></t:AnaSdp>"
    "<t:DigerSdpler><t:Sdp><t:Kod>010.06.01</t:Kod><t:Ad>Diğer</t:Ad></t:Sdp></t:DigerSdpler>"
    "</t:SdpBilgisi>\n"
    "<t:HeyskListesi><t:Heysk><t:Kod>5</t:Kod><t:Ad>H</t:Ad></t:Heysk></t:HeyskListesi>\n"
    "<t:DogrulamaBilgisi><t:DogrulamaAdresi>https://www.turkiye.gov.tr/belge-dogrulama"
    "</t:DogrulamaAdresi></t:DogrulamaBilgisi>\n"
    "</UstVeri>\n";

static const char nihai_2x[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<NihaiUstVeri xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\""
    " xmlns=\"urn:dpt:eyazisma:schema:xsd:NihaiUstveri-2\">\n"
    "<t:Tarih>2021-02-15T09:39:32.1367712Z</t:Tarih>\n"
    "<t:BelgeNo>E-24312041-702.03-1</t:BelgeNo>\n"
    "<t:BelgeImzalar><t:Imza><t:Imzalayan><t:Kisi><t:IlkAdi>Ali</t:IlkAdi>"
    "<t:Soyadi>Tok</t:Soyadi></t:Kisi></t:Imzalayan></t:Imza></t:BelgeImzalar>\n"
    "</NihaiUstVeri>\n";

#define G_V1 "737b9a9f-c88a-4258-b9bc-aeaf7908094e"
#define G_V1EK "5bf36615-d99c-49ec-a96b-6d2e17b5d495"

/* A clean 1.x Ustveri (lowercase GUIDs are allowed in 1.x). */
static const char ustveri_1x[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<Ustveri xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-1\""
    " xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-1\">\n"
    "<t:BelgeId>" G_V1 "</t:BelgeId>\n"
    "<t:Konu>Konu</t:Konu>\n"
    "<t:Tarih>2021-02-15T09:39:31.5398074Z</t:Tarih>\n"
    "<t:BelgeNo>E-24312041-702.03-1</t:BelgeNo>\n"
    "<t:GuvenlikKodu>TSD</t:GuvenlikKodu>\n"
    "<t:GuvenlikKoduGecerlilikTarihi>2030-01-01T00:00:00+03:00</t:GuvenlikKoduGecerlilikTarihi>\n"
    "<t:MimeTuru>application/pdf</t:MimeTuru>\n"
    "<t:DagitimListesi>\n"
    " <t:Dagitim><t:KurumKurulus><t:KKK>28119270</t:KKK><t:Adi>X</t:Adi></t:KurumKurulus>"
    "<t:Ivedilik>IVD</t:Ivedilik><t:DagitimTuru>GRG</t:DagitimTuru></t:Dagitim>\n"
    " <t:Dagitim><t:TuzelSahis><t:Id schemeID=\"VBYS\">1234567890</t:Id></t:TuzelSahis>"
    "<t:Ivedilik>NRM</t:Ivedilik><t:DagitimTuru>BLG</t:DagitimTuru></t:Dagitim>\n"
    "</t:DagitimListesi>\n"
    "<t:Ekler><t:Ek><t:Id Value=\"" G_V1EK "\"/><t:Tur>DED</t:Tur><t:DosyaAdi>ek1.pdf</t:DosyaAdi>"
    "<t:MimeTuru>application/pdf</t:MimeTuru><t:SiraNo>1</t:SiraNo></t:Ek></t:Ekler>\n"
    "<t:Olusturan><t:GercekSahis><t:Kisi><t:IlkAdi>A</t:IlkAdi><t:Soyadi>B</t:Soyadi></t:Kisi>"
    "</t:GercekSahis></t:Olusturan>\n"
    "<t:DosyaAdi>ustyazi.pdf</t:DosyaAdi>\n"
    "</Ustveri>\n";

static const char hedef_1x[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<BelgeHedef xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-1\""
    " xmlns=\"urn:dpt:eyazisma:schema:xsd:BelgeHedef-1\"><t:HedefListesi>\n"
    "<t:Hedef><t:KurumKurulus><t:KKK>28119270</t:KKK><t:Adi>X</t:Adi></t:KurumKurulus></t:Hedef>\n"
    "<t:Hedef><t:TuzelSahis><t:Id schemeID=\"VBYS\">1234567890</t:Id></t:TuzelSahis></t:Hedef>\n"
    "</t:HedefListesi></BelgeHedef>\n";

static const char imza_1x[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
    "<BelgeImza xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-1\""
    " xmlns=\"urn:dpt:eyazisma:schema:xsd:BelgeImza-1\"><t:ImzaListesi>\n"
    "<t:Imza><t:Imzalayan><t:Kisi><t:IlkAdi>A</t:IlkAdi><t:Soyadi>B</t:Soyadi></t:Kisi>"
    "</t:Imzalayan><t:Tarih>2021-02-15T09:39:31Z</t:Tarih></t:Imza>\n"
    "</t:ImzaListesi></BelgeImza>\n";

/* Attachment layouts of the 2.x fixture. */
enum {
	ATT_NO_EK1 = 1,   /* drop the ek1 part (K.23) */
	ATT_NO_EK2 = 2,   /* drop the ek2 part, which one Dagitim leaves out (K.23 WARN) */
	ATT_EXTRA = 4,    /* an undeclared attachment (K.24) */
	ATT_UNSIGNED = 8, /* ek2 as an unsigned attachment (imzasizEk) */
	ATT_DANGLING = 16, /* ek1's relationship without a part */
	IMZA_TCYK = 32,   /* 1.x: a deprecated TCYK in BelgeImza's Imza (not an attachment) */
};

/* A mutation of a baseline: up to two textual replacements per part and
 * the findings it must cause (everything else as in the baseline). */
typedef struct {
	const char *id;
	const char *clause;
	const char *find;
	const char *repl;
	const char *find2;
	const char *repl2;
	const char *nfind; /* in NihaiUstveri (2.x) or BelgeHedef (1.x) */
	const char *nrepl;
	unsigned att;
	const char *version; /* Core version override */
	expect want[MAX_EXPECT];
} mutation;

/* Second edits of the second part, by mutation id (closing tags). */
static const struct {
	const char *id;
	const char *find;
	const char *repl;
} second_edits[] = {
	{"nihai::no-imza", "</t:Imza>", "</t:ImzaX>"},
	{"nihai::no-imzalayan", "</t:Imzalayan>", "</t:ImzalayanX>"},
	{"belgehedef::empty", "</t:HedefListesi>", "</t:HedefListesiX>"},
};

/* Baseline findings: the two DETSİS KKKs are INFO (spec §15.2). */
#define KKK_INFO2 {"eyp::party::kkk-xsd", 2, 0}

static const mutation mut_2x[] = {
	{"baseline", "spec §4.3, §6", NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2}},
	{"guvenlik::ozl", "spec §5 (OZL removed)", "<t:GuvenlikKodu>YOK", "<t:GuvenlikKodu>OZL",
	    NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::guvenlik-kodu", 1, 0}, {"eyp::ustveri::classified", 1, 0}}},
	{"guvenlik::tsd-in-2x", "spec §5", "<t:GuvenlikKodu>YOK", "<t:GuvenlikKodu>TSD", NULL, NULL,
	    NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::guvenlik-kodu", 1, 0}}},
	{"guvenlik::kso-in-2x", "spec §5", "<t:GuvenlikKodu>YOK", "<t:GuvenlikKodu>KSO", NULL, NULL,
	    NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::guvenlik-kodu", 1, 0}, {"eyp::ustveri::classified", 1, 0}}},
	{"guvenlik::cgz", "spec §12 classified", "<t:GuvenlikKodu>YOK", "<t:GuvenlikKodu>CGZ", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::classified", 1, 0}}},
	{"guvenlik::hzo", "spec §12 classified", "<t:GuvenlikKodu>YOK", "<t:GuvenlikKodu>HZO", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::classified", 1, 0}}},
	{"guvenlik::unknown", "spec §5", "<t:GuvenlikKodu>YOK", "<t:GuvenlikKodu>XYZ", NULL, NULL,
	    NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::guvenlik-kodu", 1, 0}, {"eyp::ustveri::classified", 0, 1}}},
	{"guvenlik::missing", "spec §4.3", "<t:GuvenlikKodu>YOK</t:GuvenlikKodu>", "", NULL, NULL,
	    NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0},
	        {"eyp::ustveri::guvenlik-kodu", 0, 1}, {"eyp::ustveri::classified", 0, 1}}},
	{"gecerlilik::invalid", "spec §4.3", "<t:GuvenlikKoduGecerlilikTarihi xsi:nil=\"true\"/>",
	    "<t:GuvenlikKoduGecerlilikTarihi>yarın</t:GuvenlikKoduGecerlilikTarihi>", NULL, NULL,
	    NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::gecerlilik-tarihi", 1, 0},
	        {"eyp::ustveri::gecerlilik-before-tarih", 0, 1}}},
	{"gecerlilik::before-nihai-tarih", "spec §6",
	    "<t:GuvenlikKoduGecerlilikTarihi xsi:nil=\"true\"/>",
	    "<t:GuvenlikKoduGecerlilikTarihi>2021-02-15T12:39:31+03:00"
	    "</t:GuvenlikKoduGecerlilikTarihi>",
	    NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::gecerlilik-before-tarih", 1, 0}}},
	{"gecerlilik::after-nihai-tarih", "spec §6",
	    "<t:GuvenlikKoduGecerlilikTarihi xsi:nil=\"true\"/>",
	    "<t:GuvenlikKoduGecerlilikTarihi>2021-02-15T12:39:33+03:00"
	    "</t:GuvenlikKoduGecerlilikTarihi>",
	    NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2}},
	{"gecerlilik::nil-with-content", "XSD nillable", "xsi:nil=\"true\"/>",
	    "xsi:nil=\"true\">2030-01-01T00:00:00Z</t:GuvenlikKoduGecerlilikTarihi>", NULL, NULL,
	    NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::gecerlilik-tarihi", 1, 0}}},
	{"ivedilik::ivd-in-2x", "spec §6", "<t:Ivedilik>NRM", "<t:Ivedilik>IVD", NULL, NULL, NULL,
	    NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ivedilik", 1, 0}}},
	{"ivedilik::civ-in-2x", "spec §6", "<t:Ivedilik>NRM", "<t:Ivedilik>CIV", NULL, NULL, NULL,
	    NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ivedilik", 1, 0}}},
	{"ivedilik::missing", "spec §4.4", "<t:Ivedilik>NRM</t:Ivedilik>", "", NULL, NULL, NULL,
	    NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}}},
	{"miat::zero", "spec §6, §15.3", "<t:Miat>P1D", "<t:Miat>0", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::miat-duration", 1, 0}}},
	{"miat::gnl-without", "spec §6", "<t:Miat>PT12H</t:Miat>", "", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::gnl-requires-miat", 1, 0}}},
	{"dagitim-turu::bad", "spec §5", "<t:DagitimTuru>GRG", "<t:DagitimTuru>GRX", NULL, NULL,
	    NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::dagitim-turu", 1, 0}}},
	{"dagitim::none", "spec §11 K.19", "<t:DagitimListesi>", "<t:DagitimListesiX>",
	    "</t:DagitimListesi>", "</t:DagitimListesiX>", NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0},
	        {"eyp::ustveri::dagitim-count", 1, 0}}},
	{"dagitim::two-parties", "spec §4.4 CT_Dagitim", "<t:KurumKurulus><t:KKK>28119270",
	    "<t:TuzelSahis><t:Id schemeID=\"VBYS\">1</t:Id></t:TuzelSahis>"
	    "<t:KurumKurulus><t:KKK>28119270",
	    NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}}},
	{"konulmamis::unknown-ek", "spec §11 K.19", "<t:EkId>" G_EK2 "</t:EkId></t:KonulmamisEk>",
	    "<t:EkId>" G_IL1 "</t:EkId></t:KonulmamisEk>", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::konulmamis-ek-ref", 1, 0}}},
	{"konulmamis::empty", "spec §6",
	    "<t:KonulmamisEk><t:EkId>" G_EK2 "</t:EkId></t:KonulmamisEk>",
	    "", NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::konulmamis-ek-empty",
	    1, 0}}},
	{"konulmamis::part-absent", "spec §11 K.23 (warning)", NULL, NULL, NULL, NULL, NULL, NULL,
	    ATT_NO_EK2, NULL, {KKK_INFO2, {"eyp::ustveri::ek-ded-part-konulmamis", 1, 0}}},
	{"ek::part-absent", "spec §11 K.23", NULL, NULL, NULL, NULL, NULL, NULL, ATT_NO_EK1, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ek-ded-part", 1, 0}}},
	{"ek::dangling-relationship", "spec §11 K.23", NULL, NULL, NULL, NULL, NULL, NULL,
	    ATT_DANGLING,
	    NULL, {KKK_INFO2, {"eyp::ustveri::ek-ded-part", 1, 0}}},
	{"ek::undeclared-part", "spec §11 K.24", NULL, NULL, NULL, NULL, NULL, NULL, ATT_EXTRA,
	    NULL, {KKK_INFO2, {"eyp::ustveri::ek-undeclared-part", 1, 0}}},
	{"ek::unsigned-declared", "spec §11 K.24", NULL, NULL, NULL, NULL, NULL, NULL, ATT_UNSIGNED,
	    NULL, {KKK_INFO2}},
	{"ek::map-by-name", "spec §3.1 (file name fallback)", "<t:DosyaAdi>ek1.pdf",
	    "<t:DosyaAdi>EK1.PDF",
	    "Value=\"" G_EK1 "\" EYazismaIdMi", "Value=\"" G_EK3 "X\" EYazismaIdMi", NULL, NULL, 0,
	    NULL,
	    {KKK_INFO2, {"eyp::ustveri::guid-syntax", 1, 0}, {"eyp::ustveri::ilgi-ekid", 1, 0}}},
	{"ek::tur", "spec §5", "<t:Tur>DED</t:Tur><t:DosyaAdi>ek1.pdf",
	    "<t:Tur>XYZ</t:Tur><t:DosyaAdi>ek1.pdf",
	    NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ek-tur", 1, 0}, {"eyp::ustveri::ek-undeclared-part", 1,
	    0}}},
	{"ek::declared-hrf", "spec §11 K.24", "<t:Tur>DED</t:Tur><t:DosyaAdi>ek1.pdf",
	    "<t:Tur>HRF</t:Tur><t:Referans>http://a.b/</t:Referans><t:DosyaAdi>ek1.pdf", NULL, NULL,
	    NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ek-undeclared-part", 1, 0}, {"eyp::ustveri::ek-imzali", 1,
	    0}}},
	{"ek::sirano-duplicate", "spec §6", "<t:SiraNo>2", "<t:SiraNo>1", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::ek-sirano", 1, 0}}},
	{"ek::sirano-zero", "spec §6", "<t:SiraNo>4", "<t:SiraNo>0", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::ek-sirano", 1, 0}}},
	{"ek::sirano-text", "spec §4.4 xsd:int", "<t:SiraNo>4", "<t:SiraNo>dört", NULL, NULL, NULL,
	    NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-sirano", 1, 0}}},
	{"ek::sirano-overflow", "spec §4.4 xsd:int", "<t:SiraNo>4", "<t:SiraNo>2147483648", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-sirano", 1, 0}}},
	{"ek::ded-no-dosyaadi", "spec §6", "<t:DosyaAdi>ek2.pdf</t:DosyaAdi>", "", NULL, NULL, NULL,
	    NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-ded-fields", 1, 0}}},
	{"ek::ded-bad-mime", "spec §6",
	    "<t:DosyaAdi>ek2.pdf</t:DosyaAdi><t:MimeTuru>application/pdf",
	    "<t:DosyaAdi>ek2.pdf</t:DosyaAdi><t:MimeTuru>pdf", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ek-ded-fields", 1, 0}}},
	{"ek::hrf-ftp", "spec §6 K.19", "https://ornek.gov.tr/belge.pdf",
	    "ftp://ornek.gov.tr/belge.pdf",
	    NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-hrf-referans", 1, 0}}},
	{"ek::hrf-no-referans", "spec §6 K.19",
	    "<t:Referans>https://ornek.gov.tr/belge.pdf</t:Referans>",
	    "", NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-hrf-referans", 1,
	    0}}},
	{"ek::fzk-signed", "spec §6", "<t:ImzaliMi>false", "<t:ImzaliMi>true", NULL, NULL, NULL,
	    NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-imzali", 1, 0}}},
	{"ek::imzali-not-boolean", "XSD boolean", "<t:ImzaliMi>false", "<t:ImzaliMi>evet", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ek-imzali", 1, 0}}},
	{"ek::no-id", "spec §4.4", "<t:Id Value=\"" G_EK4 "\"/>", "", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}}},
	{"ids::belgeid-lowercase", "spec §11 K.80", "<t:BelgeId>B586D8E7-ADE1",
	    "<t:BelgeId>b586d8e7-ade1", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::guid-uppercase", 1, 0}}},
	{"ids::ek-lowercase", "spec §11 K.80", "Value=\"" G_EK3 "\"",
	    "Value=\"33333333-3333-4333-8333-33333333333a\"", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::guid-uppercase", 1, 0}}},
	{"ids::belgeid-not-guid", "spec §6", "<t:BelgeId>" G_BELGE, "<t:BelgeId>BELGE-1", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::guid-syntax", 1, 0}}},
	{"ids::belgeid-equals-ilgi", "spec §11 K.61", "<t:BelgeId>" G_BELGE, "<t:BelgeId>" G_IL3,
	    NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::id-distinct", 1, 0}}},
	{"ids::ek-equals-ek", "spec §11 K.61", "Value=\"" G_EK4 "\"", "Value=\"" G_EK3 "\"", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::id-distinct", 1, 0}}},
	{"ilgi::ekid-unknown", "spec §11 K.25", "<t:EkId>" G_EK1 "</t:EkId></t:Ilgi>",
	    "<t:EkId>" G_IL1 "</t:EkId></t:Ilgi>", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ilgi-ekid", 1, 0}}},
	{"ilgi::etiket-gap", "spec §6", "<t:Etiket>c<", "<t:Etiket>e<", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::ilgi-etiket-sequence", 1, 0}}},
	{"ilgi::etiket-duplicate-case", "spec §6", "<t:Etiket>b<", "<t:Etiket>A<", NULL, NULL, NULL,
	    NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ilgi-etiket", 1, 0},
	        {"eyp::ustveri::ilgi-etiket-sequence", 1, 0}}},
	{"ilgi::etiket-two-letters", "spec §6", "<t:Etiket>b<", "<t:Etiket>ab<", NULL, NULL, NULL,
	    NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::ilgi-etiket", 1, 0},
	        {"eyp::ustveri::ilgi-etiket-sequence", 1, 0}}},
	{"ilgi::no-etiket", "spec §4.4", "<t:Etiket>Ç</t:Etiket>", "", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}}},
	{"dogrulama::empty", "spec §15.3", "https://www.turkiye.gov.tr/belge-dogrulama", "", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::dogrulama-adresi", 1, 0}}},
	{"dogrulama::no-scheme", "spec §6", "https://www.turkiye.gov.tr/belge-dogrulama",
	    "www.turkiye.gov.tr/belge-dogrulama", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::dogrulama-adresi", 1, 0}}},
	{"dogrulama::missing", "spec §6", "<t:DogrulamaBilgisi>", "<t:DogrulamaBilgisiX>",
	    "</t:DogrulamaBilgisi>", "</t:DogrulamaBilgisiX>", NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::dogrulama-adresi", 1, 0}}},
	{"party::kep-gmail", "spec §6", "ayse.isik@hs01.kep.tr", "ayse.isik@gmail.com", NULL, NULL,
	    NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::party::kep-adresi", 1, 0}}},
	{"party::tckn-check-digit", "spec §6", "<t:TCKN>11111111110", "<t:TCKN>11111111111", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::party::tckn", 1, 0}}},
	{"party::kkk-legacy", "spec §6", "<t:KKK>28119270", "<t:KKK>23ED5E7A15B9A2", NULL, NULL,
	    NULL, NULL, 0, NULL, {{"eyp::party::kkk-xsd", 1, 0}, {"eyp::party::kkk-legacy", 1, 0}}},
	{"party::kkk-invalid", "spec §6", "<t:KKK>28119270", "<t:KKK>123", NULL, NULL, NULL, NULL,
	    0,
	    NULL, {{"eyp::party::kkk-xsd", 1, 0}, {"eyp::party::kkk", 1, 0}}},
	{"party::birim-kkk", "spec §4.4", "<t:KKK>28119270</t:KKK>",
	    "<t:KKK>28119270</t:KKK><t:BirimKKK>0</t:BirimKKK>", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::party::kkk", 1, 0}}},
	{"party::tuzel-scheme", "spec §5", "schemeID=\"MERSIS\"", "schemeID=\"VKN\"", NULL, NULL,
	    NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::party::tuzel-scheme", 1, 0}}},
	{"party::tuzel-no-scheme", "spec §5", "schemeID=\"MERSIS\"", "", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::party::tuzel-scheme", 1, 0}}},
	{"ozid::no-scheme", "spec §11 K.19", "<t:OzId schemeID=\"GUID\">", "<t:OzId schemeID=\"\">",
	    NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::ozid-scheme", 1, 0}}},
	{"sdp::kod", "spec §6", "<t:Kod>010.06.01", "<t:Kod>10.06.01", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::sdp-kod", 1, 0}}},
	{"heysk::zero", "spec §6", "<t:Kod>5", "<t:Kod>0", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::heysk-kod", 1, 0}}},
	{"elements::tarih-in-2x", "spec §3.4", "<t:GuvenlikKodu>",
	    "<t:Tarih>2021-02-15T09:39:31Z</t:Tarih><t:GuvenlikKodu>", NULL, NULL, NULL, NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::tarih-belgeno-forbidden", 1, 0}}},
	{"elements::no-mimeturu", "spec §15.3", "<t:MimeTuru>application/pdf</t:MimeTuru>\n<t:OzId",
	    "<t:OzId",
	    NULL, NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::mime-turu", 1, 0}}},
	{"elements::duplicate-konu", "spec §4.3", "<t:Konu>", "<t:Konu>x</t:Konu><t:Konu>", NULL,
	    NULL, NULL, NULL, 0, NULL, {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}}},
	{"elements::namespace", "spec §4.1", "<t:Dil>tur</t:Dil>",
	    "<Dil xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-2\">tur</Dil>", NULL, NULL, NULL,
	    NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::element-namespace", 1, 0}}},
	{"elements::olusturan-empty", "spec §4.4",
	    "<t:Olusturan><t:KurumKurulus><t:KKK>61648174</t:KKK>"
	    "</t:KurumKurulus></t:Olusturan>", "<t:Olusturan/>", NULL, NULL, NULL, NULL, 0, NULL,
	    {{"eyp::party::kkk-xsd", 1, 0}, {"eyp::ustveri::required-element", 1, 0}}},
	{"root::case", "spec §4.1", "<UstVeri ", "<Ustveri ", "</UstVeri>", "</Ustveri>", NULL,
	    NULL, 0,
	    NULL, {KKK_INFO2, {"eyp::ustveri::malformed", 1, 0}}},
	{"dosya-adi::package-name", "spec §6, §15.3", "<t:DosyaAdi>ustyazi.pdf",
	    "<t:DosyaAdi>b586d8e7-ade1-4b08-b2b8-57250b22f8dc.eyp", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::dosya-adi", 1, 0}}},
	{"nihai::belgeno-empty", "spec §11 K.85", NULL, NULL, NULL, NULL, "E-24312041-702.03-1", "",
	    0,
	    NULL, {KKK_INFO2, {"eyp::nihaiustveri::belgeno", 1, 0}}},
	{"nihai::no-imza", "spec §11 K.85", NULL, NULL, NULL, NULL, "<t:Imza>", "<t:ImzaX>", 0,
	    NULL, {KKK_INFO2, {"eyp::nihaiustveri::imza", 1, 0}}},
	{"nihai::no-imzalayan", "spec §4.4 CT_Imza", NULL, NULL, NULL, NULL, "<t:Imzalayan>",
	    "<t:ImzalayanX>", 0, NULL, {KKK_INFO2, {"eyp::nihaiustveri::imza", 1, 0}}},
	{"nihai::tarih-invalid", "spec §4.1", NULL, NULL, NULL, NULL,
	    "2021-02-15T09:39:32.1367712Z",
	    "15.02.2021", 0, NULL, {KKK_INFO2, {"eyp::nihaiustveri::tarih", 1, 0}}},
	{"nihai::tarih-invalid-order-skipped", "spec §6",
	    "<t:GuvenlikKoduGecerlilikTarihi xsi:nil=\"true\"/>",
	    "<t:GuvenlikKoduGecerlilikTarihi>2030-01-01T00:00:00Z</t:GuvenlikKoduGecerlilikTarihi>",
	    NULL, NULL, "2021-02-15T09:39:32.1367712Z", "15.02.2021", 0, NULL,
	    {KKK_INFO2, {"eyp::nihaiustveri::tarih", 1, 0},
	        {"eyp::ustveri::gecerlilik-before-tarih", 0, 1}}},
	{"nihai::root", "spec §4.1", NULL, NULL, NULL, NULL, "NihaiUstveri-2\">",
	    "NihaiUstveri-1\">", 0,
	    NULL, {KKK_INFO2, {"eyp::nihaiustveri::malformed", 1, 0}}},
	{"deprecated::byk-in-2x", "spec §3.4, §4.4 (no BYK in 2.x)", "<t:KKK>28119270</t:KKK>",
	    "<t:KKK>28119270</t:KKK><t:BYK>B1</t:BYK>", NULL, NULL, NULL, NULL, 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::deprecated-element", 1, 0}}},
	{"deprecated::tcyk-in-nihai", "spec §3.4, §4.4 CT_Imza", NULL, NULL, NULL, NULL,
	    "</t:Imzalayan>", "</t:Imzalayan><t:TCYK>1</t:TCYK>", 0, NULL,
	    {KKK_INFO2, {"eyp::ustveri::deprecated-element", 1, 0}}},
	{"deprecated::byk-outside-kurum", "spec §4.4 (BYK only in CT_KurumKurulus)",
	    "<t:DosyaAdi>ustyazi.pdf", "<t:BYK>B1</t:BYK><t:DosyaAdi>ustyazi.pdf", NULL, NULL,
	    NULL, NULL, 0, NULL, {KKK_INFO2}},
};

static const mutation mut_1x[] = {
	{"baseline", "spec §4.3, §6", NULL, NULL, NULL, NULL, NULL, NULL, 0, "1.3", {KKK_INFO2}},
	{"ivedilik::civ-1.3", "spec §6", "<t:Ivedilik>IVD", "<t:Ivedilik>CIV", NULL, NULL, NULL,
	    NULL, 0,
	    "1.3", {KKK_INFO2, {"eyp::ustveri::ivedilik", 1, 0}}},
	{"ivedilik::civ-1.1", "spec §6 (obsolete since 1.2)", "<t:Ivedilik>IVD", "<t:Ivedilik>CIV",
	    NULL, NULL, NULL, NULL, 0, "1.1", {KKK_INFO2}},
	{"ivedilik::acl-in-1x", "spec §5", "<t:Ivedilik>IVD", "<t:Ivedilik>ACL", NULL, NULL, NULL,
	    NULL, 0, "1.3", {KKK_INFO2, {"eyp::ustveri::ivedilik", 1, 0}}},
	{"guvenlik::yok-in-1x", "spec §5", "<t:GuvenlikKodu>TSD", "<t:GuvenlikKodu>YOK", NULL, NULL,
	    NULL, NULL, 0, "1.3", {KKK_INFO2, {"eyp::ustveri::guvenlik-kodu", 1, 0}}},
	{"guvenlik::kso", "spec §12", "<t:GuvenlikKodu>TSD", "<t:GuvenlikKodu>KSO", NULL, NULL,
	    NULL, NULL, 0, "1.3", {KKK_INFO2, {"eyp::ustveri::classified", 1, 0}}},
	{"guvenlik::ozl-in-1x", "spec §5", "<t:GuvenlikKodu>TSD", "<t:GuvenlikKodu>OZL", NULL, NULL,
	    NULL, NULL, 0, "1.3", {KKK_INFO2, {"eyp::ustveri::classified", 1, 0}}},
	{"tarih::invalid", "spec §4.3", "2021-02-15T09:39:31.5398074Z", "2021-02-30T00:00:00", NULL,
	    NULL, NULL, NULL, 0, "1.3",
	    {KKK_INFO2, {"eyp::ustveri::tarih", 1, 0}, {"eyp::ustveri::gecerlilik-before-tarih", 0,
	    1}}},
	{"tarih::missing", "spec §4.3", "<t:Tarih>2021-02-15T09:39:31.5398074Z</t:Tarih>", "", NULL,
	    NULL, NULL, NULL, 0, "1.3",
	    {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}, {"eyp::ustveri::tarih", 0, 1},
	        {"eyp::ustveri::gecerlilik-before-tarih", 0, 1}}},
	{"gecerlilik::before-tarih", "spec §6", "2030-01-01T00:00:00+03:00",
	    "2021-02-15T09:39:31+00:00",
	    NULL, NULL, NULL, NULL, 0, "1.3",
	    {KKK_INFO2, {"eyp::ustveri::gecerlilik-before-tarih", 1, 0}}},
	{"elements::no-belgeno", "spec §4.3", "<t:BelgeNo>E-24312041-702.03-1</t:BelgeNo>", "",
	    NULL,
	    NULL, NULL, NULL, 0, "1.3", {KKK_INFO2, {"eyp::ustveri::required-element", 1, 0}}},
	{"elements::no-mimeturu", "spec §4.3",
	    "<t:MimeTuru>application/pdf</t:MimeTuru>\n<t:Dagitim",
	    "<t:Dagitim", NULL, NULL, NULL, NULL, 0, "1.3", {KKK_INFO2, {"eyp::ustveri::mime-turu",
	    1, 0}}},
	{"elements::tipler-2-in-1x", "spec §4.1",
	    "Tipler-1\" xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-1",
	    "Tipler-2\" xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-1", NULL, NULL, NULL, NULL, 0,
	    "1.3",
	    {KKK_INFO2, {"eyp::ustveri::element-namespace", 11, 0}}},
	{"ek::name-mismatch", "spec §11 K.23, K.24", "<t:DosyaAdi>ek1.pdf", "<t:DosyaAdi>ek9.pdf",
	    NULL, NULL, NULL, NULL, 0, "1.3",
	    {KKK_INFO2, {"eyp::ustveri::ek-ded-part", 1, 0}, {"eyp::ustveri::ek-undeclared-part", 1,
	    0}}},
	{"belgehedef::subset", "spec §15.2", NULL, NULL, NULL, NULL,
	    "<t:Hedef><t:TuzelSahis><t:Id schemeID=\"VBYS\">1234567890</t:Id></t:TuzelSahis>"
	    "</t:Hedef>", "",
	    0, "1.3", {KKK_INFO2, {"eyp::belgehedef::fewer-than-dagitim", 1, 0}}},
	{"belgehedef::empty", "spec §4.1", NULL, NULL, NULL, NULL, "<t:HedefListesi>",
	    "<t:HedefListesiX>", 0, "1.3",
	    {KKK_INFO2, {"eyp::belgehedef::hedef-count", 1, 0},
	        {"eyp::belgehedef::fewer-than-dagitim", 1, 0}}},
	{"belgehedef::root-2x", "spec §4.1", NULL, NULL, NULL, NULL, "BelgeHedef-1\"",
	    "BelgeHedef-2\"",
	    0, "1.3", {KKK_INFO2, {"eyp::belgehedef::malformed", 1, 0}}},
	{"deprecated::byk", "spec §3.4, §4.4 (1.x KKK, BYK?, Adi)", "<t:KKK>28119270</t:KKK>",
	    "<t:KKK>28119270</t:KKK><t:BYK>B1</t:BYK>", NULL, NULL, NULL, NULL, 0, "1.3",
	    {KKK_INFO2, {"eyp::ustveri::deprecated-element", 1, 0}}},
	{"deprecated::byk-belgehedef", "spec §3.4", NULL, NULL, NULL, NULL,
	    "<t:KKK>28119270</t:KKK>", "<t:KKK>28119270</t:KKK><t:BYK>B1</t:BYK>", 0, "1.3",
	    {KKK_INFO2, {"eyp::ustveri::deprecated-element", 1, 0}}},
	{"deprecated::tcyk", "spec §3.4, §4.4 (CT_Imza 1.3 also TCYK)", NULL, NULL, NULL, NULL,
	    NULL, NULL, IMZA_TCYK, "1.3", {KKK_INFO2, {"eyp::ustveri::deprecated-element", 1, 0}}},
};

/* Build and run the 2.x (gen 2) or 1.x fixture with a mutation applied. */
static void
run_mutation(const mutation *m, uy_gen gen, fx *f, int inner)
{
	const char *base = gen == UY_GEN_2 ? ustveri_2x : ustveri_1x;
	const char *second = gen == UY_GEN_2 ? nihai_2x : hedef_1x;
	char *u = strdup(base);
	char *n = strdup(second);

	ck_assert(u != NULL && n != NULL);
	if (m->find != NULL) {
		char *t = replace1(u, m->find, m->repl);
		free(u);
		u = t;
	}
	if (m->find2 != NULL) {
		char *t = replace1(u, m->find2, m->repl2);
		free(u);
		u = t;
	}
	if (m->nfind != NULL) {
		char *t = replace1(n, m->nfind, m->nrepl);
		free(n);
		n = t;
	}
	for (size_t i = 0; i < sizeof(second_edits) / sizeof(second_edits[0]); i++) {
		if (strcmp(second_edits[i].id, m->id) == 0) {
			char *t = replace1(n, second_edits[i].find, second_edits[i].repl);
			free(n);
			n = t;
		}
	}
	fx_init(f, UY_KIND_EYP, gen,
	    m->version != NULL ? m->version : (gen == UY_GEN_2 ? "2.0" : "1.3"));
	f->info.ustveri = fx_part(f, "/Ustveri/Ustveri.xml");
	f->info.ustveri_doc = fx_parse(u, strlen(u));
	f->info.ustyazi = fx_part(f, "/UstYazi/ustyazi.pdf");
	if (gen == UY_GEN_2) {
		f->info.nihaiustveri = fx_part(f, "/NihaiUstveri/NihaiUstveri.xml");
		f->info.nihaiustveri_doc = fx_parse(n, strlen(n));
		if (m->att & ATT_DANGLING) {
			fx_attach(f, NULL, "IdEk_" G_EK1, 0);
		} else if (!(m->att & ATT_NO_EK1)) {
			fx_attach(f, "/Ekler/ek1.pdf", "IdEk_" G_EK1, 0);
		}
		if (m->att & ATT_UNSIGNED) {
			fx_attach(f, "/ImzasizEkler/ek2.pdf", "IdImzasizEk_" G_EK2, 1);
		} else if (!(m->att & ATT_NO_EK2)) {
			fx_attach(f, "/Ekler/ek2.pdf", "IdEk_" G_EK2, 0);
		}
		if (m->att & ATT_EXTRA) {
			fx_attach(f, "/Ekler/ek9.pdf", "IdEk_99999999-9999-4999-8999-999999999999",
			    0);
		}
	} else {
		char *im = strdup(imza_1x);

		ck_assert(im != NULL);
		f->info.belgehedef = fx_part(f, "/BelgeHedef/BelgeHedef.xml");
		f->info.belgehedef_doc = fx_parse(n, strlen(n));
		if (m->att & IMZA_TCYK) {
			char *t = replace1(im, "</t:Imza>", "<t:TCYK>1</t:TCYK></t:Imza>");
			free(im);
			im = t;
		}
		f->info.belgeimza = fx_part(f, "/Imzalar/BelgeImza.xml");
		f->info.belgeimza_doc = fx_parse(im, strlen(im));
		free(im);
		/* Not the IdEk_ convention: mapped through DosyaAdi. */
		fx_attach(f, "/Ekler/ek1.pdf", "R1", 0);
	}
	free(u);
	free(n);
	f->info.is_inner = inner;
	fx_run(f);
}

START_TEST(stage_2x)
{
	const mutation *m = &mut_2x[_i];
	fx f;

	run_mutation(m, UY_GEN_2, &f, 0);
	assert_metadata(&f.rep, "", na_2x, m->want, MAX_EXPECT, m->id);
	if (_i == 0) {
		/* The values later stages use. */
		ck_assert_str_eq(f.info.belge_id, G_BELGE);
		ck_assert_str_eq(f.info.konu, "Deneme yazısı");
		ck_assert_uint_eq(f.info.n_ek_entries, 4);
		ck_assert_str_eq(f.info.ek_entries[0].id, G_EK1);
		ck_assert_str_eq(f.info.ek_entries[0].tur, "DED");
		ck_assert_str_eq(f.info.ek_entries[0].dosya_adi, "ek1.pdf");
		ck_assert_int_eq(f.info.ek_entries[0].imzali, 1);
		ck_assert_int_eq(f.info.ek_entries[0].konulmamis, 0);
		ck_assert_int_eq(f.info.ek_entries[1].imzali, -1);
		ck_assert_int_eq(f.info.ek_entries[1].konulmamis, 1);
		ck_assert_ptr_null(f.info.ek_entries[2].dosya_adi);
		ck_assert_int_eq(f.info.ek_entries[3].imzali, 0);
	}
	fx_dispose(&f);
}
END_TEST

START_TEST(stage_1x)
{
	const mutation *m = &mut_1x[_i];
	fx f;

	run_mutation(m, UY_GEN_1, &f, 0);
	assert_metadata(&f.rep, "", na_1x, m->want, MAX_EXPECT, m->id);
	fx_dispose(&f);
}
END_TEST

/* A finding names the part, the XML path and the line. */
START_TEST(stage_locations)
{
	static const mutation m = {"miat::zero", "", "<t:Miat>P1D", "<t:Miat>0", NULL, NULL, NULL,
	    NULL, 0, NULL, {{NULL, 0, 0}}};
	fx f;
	const uy_result *res = NULL;
	long line = 1;

	for (const char *p = ustveri_2x; p < strstr(ustveri_2x, "<t:Miat>P1D"); p++) {
		line += *p == '\n';
	}
	run_mutation(&m, UY_GEN_2, &f, 0);
	for (size_t i = 0; i < f.rep.n_results; i++) {
		if (strcmp(f.rep.results[i].check->id, "eyp::ustveri::miat-duration") == 0) {
			res = &f.rep.results[i];
		}
	}
	ck_assert_ptr_nonnull(res);
	ck_assert_int_eq(res->status, UY_STATUS_FAILED);
	ck_assert_str_eq(res->part, "/Ustveri/Ustveri.xml");
	ck_assert_str_eq(res->path, "/UstVeri/DagitimListesi/Dagitim[1]/Miat");
	ck_assert_int_eq(res->line, line);
	ck_assert_str_eq(res->detail_en, "Miat '0' is not a valid xsd:duration (e.g. P1D, PT12H)");
	ck_assert_str_eq(res->detail_tr,
	    "Miat '0' geçerli bir xsd:duration değil (ör. P1D, PT12H)");
	fx_dispose(&f);
}
END_TEST

/* A deprecated element: WARN, named with its parent, value and generation. */
START_TEST(stage_deprecated_detail)
{
	static const mutation m = {"deprecated::byk", "", "<t:KKK>28119270</t:KKK>",
	    "<t:KKK>28119270</t:KKK><t:BYK>B1</t:BYK>", NULL, NULL, NULL, NULL, 0, NULL,
	    {{NULL, 0, 0}}};
	fx f;

	ck_assert_int_eq(uy_check_get(UY_CK_USTVERI_DEPRECATED)->level, UY_LEVEL_WARN);
	ck_assert_ptr_null(uy_check_get(UY_CK_USTVERI_DEPRECATED)->rule);
	for (int g = 0; g < 2; g++) {
		const uy_result *res = NULL;
		const char *want_path = NULL;

		run_mutation(&m, g == 0 ? UY_GEN_1 : UY_GEN_2, &f, 0);
		for (size_t i = 0; i < f.rep.n_results; i++) {
			if (f.rep.results[i].check->num == UY_CK_USTVERI_DEPRECATED) {
				res = &f.rep.results[i];
			}
		}
		ck_assert_ptr_nonnull(res);
		ck_assert_int_eq(res->status, UY_STATUS_FAILED);
		ck_assert_str_eq(res->part, "/Ustveri/Ustveri.xml");
		want_path = g == 0 ? "/Ustveri/DagitimListesi/Dagitim[1]/KurumKurulus/BYK" :
		                     "/UstVeri/DagitimListesi/Dagitim[3]/KurumKurulus/BYK";
		ck_assert_str_eq(res->path, want_path);
		if (g == 0) {
			ck_assert_str_eq(res->detail_en, "In KurumKurulus, BYK ('B1') is deprecated in 1.x");
			ck_assert_str_eq(res->detail_tr,
			    "KurumKurulus içindeki BYK öğesi ('B1') 1.x'te kullanımdan kaldırılmıştır");
		} else {
			ck_assert_str_eq(res->detail_en, "In KurumKurulus, BYK ('B1') is a deprecated "
			    "1.x element; the 2.x schema does not contain it");
			ck_assert_str_eq(res->detail_tr, "KurumKurulus içindeki BYK öğesi ('B1') "
			    "kullanımdan kaldırılmış bir 1.x öğesidir; 2.x şemasında yer almaz");
		}
		/* A WARNING: the package verdict does not fail on it. */
		ck_assert_int_ne(f.rep.verdict, UY_VERDICT_FAILED);
		fx_dispose(&f);
	}
}
END_TEST

/* A classified letter fails the package, also as the content of an .eyps. */
START_TEST(stage_classified)
{
	static const mutation m = {"guvenlik::gzl", "spec §12", "<t:GuvenlikKodu>YOK",
	    "<t:GuvenlikKodu>GZL", NULL, NULL, NULL, NULL, 0, NULL, {{NULL, 0, 0}}};
	fx f;

	ck_assert_int_eq(uy_check_get(UY_CK_USTVERI_CLASSIFIED)->level, UY_LEVEL_FAIL);
	for (int inner = 0; inner < 2; inner++) {
		run_mutation(&m, UY_GEN_2, &f, inner);
		ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_CLASSIFIED, "", UY_STATUS_FAILED), 1);
		ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_GUVENLIK_KODU, "", UY_STATUS_PASSED),
		    1);
		ck_assert_int_eq(f.rep.verdict, UY_VERDICT_FAILED);
		fx_dispose(&f);
	}
}
END_TEST

/* Absent or unparseable parts: the rules are NOT_EVALUATED, never PASSED. */
START_TEST(stage_missing_parts)
{
	fx f;
	size_t passed = 0;

	fx_init(&f, UY_KIND_EYP, UY_GEN_2, "2.0");
	fx_run(&f);
	for (size_t i = 0; i < f.rep.n_results; i++) {
		passed += f.rep.results[i].status == UY_STATUS_PASSED;
	}
	ck_assert_uint_eq(passed, 0);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_MIAT, "", UY_STATUS_NOT_EVALUATED), 1);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_MALFORMED, "", UY_STATUS_NOT_EVALUATED),
	    1);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_NIHAIUSTVERI_BELGENO, "",
	    UY_STATUS_NOT_EVALUATED), 1);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_PARTY_TCKN, "", UY_STATUS_NOT_EVALUATED), 1);
	/* Checks of the other generation get no row at all. */
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_TARIH, "", UY_STATUS_NOT_EVALUATED), 0);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_BELGEHEDEF_HEDEF, "", UY_STATUS_NOT_EVALUATED),
	    0);
	ck_assert_ptr_null(f.info.belge_id);
	fx_dispose(&f);

	/* A present Ustveri part that did not parse (structure stage left it NULL). */
	fx_init(&f, UY_KIND_EYP, UY_GEN_1, "1.3");
	f.info.ustveri = fx_part(&f, "/Ustveri/Ustveri.xml");
	fx_run(&f);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_MIAT, "", UY_STATUS_NOT_EVALUATED), 1);
	/* The structure stage owns the parse finding of a present part. */
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_MALFORMED, "", UY_STATUS_NOT_EVALUATED),
	    0);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_BELGEHEDEF_HEDEF, "", UY_STATUS_NOT_EVALUATED),
	    1);
	fx_dispose(&f);

	/* An unknown root: only the root finding, the rest not evaluated. */
	fx_init(&f, UY_KIND_EYP, UY_GEN_2, "2.0");
	f.info.ustveri = fx_part(&f, "/Ustveri/Ustveri.xml");
	f.info.ustveri_doc = fx_parse("<Foo xmlns=\"urn:x\"/>", strlen("<Foo xmlns=\"urn:x\"/>"));
	fx_run(&f);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_MALFORMED, "", UY_STATUS_FAILED), 1);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_DAGITIM_COUNT, "",
	    UY_STATUS_NOT_EVALUATED), 1);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_DAGITIM_COUNT, "", UY_STATUS_FAILED), 0);
	fx_dispose(&f);

	/* .eypg: nothing here (spec §10). */
	fx_init(&f, UY_KIND_EYPG, UY_GEN_2, "2.1");
	fx_run(&f);
	ck_assert_uint_eq(f.rep.n_results, 0);
	fx_dispose(&f);
}
END_TEST

/* The registry: ids unique, K numbers only those spec §11 gives. */
START_TEST(registry)
{
	static const char *const allowed[] = {"K.19", "K.23", "K.24", "K.25", "K.61", "K.80",
	    "K.85",
	    NULL};

	for (size_t i = 0; i < MD_N; i++) {
		const uy_check_def *d = uy_check_get(md_all[i]);
		ck_assert_ptr_nonnull(d);
		ck_assert_ptr_eq(uy_check_find(d->id), d);
		ck_assert_msg(d->rule == NULL || listed(d->rule, allowed), "%s cites %s", d->id,
		    d->rule);
		ck_assert(strlen(d->title_tr) > 0 && strlen(d->title_en) > 0);
		ck_assert(strlen(d->rec_tr) > 0 && strlen(d->rec_en) > 0);
		for (size_t k = 0; k < i; k++) {
			ck_assert_str_ne(uy_check_get(md_all[k])->id, d->id);
		}
	}
	ck_assert_ptr_nonnull(uy_check_find("eyp::ustveri::malformed"));
	ck_assert_ptr_eq(uy_check_get(UY_CK_USTVERI_MALFORMED),
	    uy_check_find("eyp::ustveri::malformed"));
	ck_assert_int_eq(uy_check_get(UY_CK_PARTY_KKK_XSD)->level, UY_LEVEL_INFO);
	ck_assert_int_eq(uy_check_get(UY_CK_BELGEHEDEF_SUBSET)->level, UY_LEVEL_INFO);
	ck_assert_int_eq(uy_check_get(UY_CK_USTVERI_DOSYA_ADI)->level, UY_LEVEL_WARN);
	ck_assert_int_eq(uy_check_get(UY_CK_USTVERI_MIAT)->level, UY_LEVEL_FAIL);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Samples (spec §15)                                                       */
/* ------------------------------------------------------------------------ */

static const expect want_v1[] = {
	{"eyp::ustveri::miat-duration", 3, 0},
	{"eyp::ustveri::dosya-adi", 1, 0},
	{"eyp::belgehedef::fewer-than-dagitim", 1, 0},
	/* Dagitim, Olusturan and BelgeHedef KKKs are 8-digit DETSİS codes. */
	{"eyp::party::kkk-xsd", 3, 0},
};

static const expect want_v2[] = {
	{"eyp::ustveri::miat-duration", 3, 0},
	{"eyp::ustveri::dogrulama-adresi", 1, 0},
	{"eyp::ustveri::mime-turu", 1, 0},
	{"eyp::ustveri::dosya-adi", 1, 0},
	{"eyp::party::kkk-xsd", 2, 0},
};

static const expect want_eyps_outer[] = {
	{"eyp::party::kkk-xsd", 1, 0},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static char *
zip_slurp(zip_t *z, const char *name, size_t *len)
{
	zip_stat_t zs;
	zip_file_t *zf = NULL;
	char *buf = NULL;

	if (zip_stat(z, name, 0, &zs) != 0) {
		return NULL;
	}
	ck_assert(zs.size < ((zip_uint64_t)1 << 26));
	buf = malloc((size_t)zs.size + 1);
	zf = zip_fopen_index(z, zs.index, 0);
	ck_assert(buf != NULL && zf != NULL);
	ck_assert(zip_fread(zf, buf, zs.size) == (zip_int64_t)zs.size);
	zip_fclose(zf);
	buf[zs.size] = '\0';
	*len = (size_t)zs.size;
	return buf;
}

/* The package relationships of a sample, located by type: a small stand-in
 * for the structure stage, so the stage is tested on the real parts. */
static void
fx_from_sample(fx *f, const char *path)
{
	int zerr = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &zerr);
	size_t len = 0;
	char *rels = NULL;
	xmlDocPtr rdoc = NULL;
	uy_gen gen = UY_GEN_UNKNOWN;
	int eyps = strstr(path, ".eyps") != NULL;

	ck_assert_msg(z != NULL, "cannot open %s", path);
	rels = zip_slurp(z, "_rels/.rels", &len);
	ck_assert_ptr_nonnull(rels);
	rdoc = fx_parse(rels, len);
	gen = strstr(path, "v1x") != NULL ? UY_GEN_1 : UY_GEN_2;
	fx_init(f, eyps ? UY_KIND_EYPS : UY_KIND_EYP, gen, gen == UY_GEN_1 ? "1.3" : "2.0");
	for (xmlNodePtr r = uy_xml_first_element(xmlDocGetRootElement(rdoc)); r != NULL;
	     r = uy_xml_next(r, NULL, NULL)) {
		char *type = uy_xml_attr(r, "Type");
		char *target = uy_xml_attr(r, "Target");
		char *id = uy_xml_attr(r, "Id");
		const char *t = type != NULL ? type + strlen("http://eyazisma.dpt/iliskiler/") : "";
		const uy_part **slot = NULL;
		xmlDocPtr *doc = NULL;

		ck_assert(type != NULL && target != NULL && id != NULL && target[0] == '/');
		if (strncmp(type, "http://eyazisma.dpt/iliskiler/", 30) != 0) {
			t = "";
		}
		if (strcmp(t, "ustveri") == 0) {
			slot = &f->info.ustveri;
			doc = &f->info.ustveri_doc;
		} else if (strcmp(t, "nihaiustveri") == 0) {
			slot = &f->info.nihaiustveri;
			doc = &f->info.nihaiustveri_doc;
		} else if (strcmp(t, "belgehedef") == 0) {
			slot = &f->info.belgehedef;
			doc = &f->info.belgehedef_doc;
		} else if (strcmp(t, "belgeimza") == 0) {
			slot = &f->info.belgeimza;
			doc = &f->info.belgeimza_doc;
		} else if (strcmp(t, "ustyazi") == 0) {
			slot = &f->info.ustyazi;
		} else if (strcmp(t, "ek") == 0) {
			fx_attach(f, target, id, 0);
		}
		if (slot != NULL) {
			*slot = fx_part(f, target);
		}
		if (doc != NULL) {
			char *xml = zip_slurp(z, target + 1, &len);
			ck_assert_ptr_nonnull(xml);
			*doc = fx_parse(xml, len);
			free(xml);
		}
		uy_free(type);
		uy_free(target);
		uy_free(id);
	}
	xmlFreeDoc(rdoc);
	free(rels);
	zip_close(z);
}

START_TEST(sample_stage_v1x)
{
	fx f;

	fx_from_sample(&f, UY_SAMPLES_DIR "/paketv1x.eyp");
	fx_run(&f);
	assert_metadata(&f.rep, "", na_1x, want_v1, N_OF(want_v1), "paketv1x.eyp (stage)");
	ck_assert_str_eq(f.info.belge_id, "737B9A9F-C88A-4258-B9BC-AEAF7908094E");
	ck_assert_str_eq(f.info.konu, "Olustur Versiyon 1X");
	ck_assert_uint_eq(f.info.n_ek_entries, 2);
	fx_dispose(&f);
}
END_TEST

START_TEST(sample_stage_v2x)
{
	fx f;

	fx_from_sample(&f, UY_SAMPLES_DIR "/paketv2x.eyp");
	fx_run(&f);
	assert_metadata(&f.rep, "", na_2x, want_v2, N_OF(want_v2), "paketv2x.eyp (stage)");
	ck_assert_str_eq(f.info.belge_id, "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC");
	fx_dispose(&f);
}
END_TEST

START_TEST(sample_stage_eyps)
{
	fx f;

	fx_from_sample(&f, UY_SAMPLES_DIR "/sifrelipaketv2x.eyps");
	fx_run(&f);
	assert_metadata(&f.rep, "", na_eyps, want_eyps_outer, N_OF(want_eyps_outer),
	    "sifrelipaketv2x.eyps outer (stage)");
	fx_dispose(&f);
}
END_TEST

/* The whole pipeline (spec §15.2). */
START_TEST(sample_pipeline_v1x)
{
	uy_pkg_report r;

	ck_assert_int_eq(uy_eyp_check_file(&r, UY_SAMPLES_DIR "/paketv1x.eyp"), UY_OK);
	ck_assert_str_eq(r.generation, "1.x");
	assert_metadata(&r, "", na_1x, want_v1, N_OF(want_v1), "paketv1x.eyp");
	/* GuvenlikKodu TSD: a valid 1.x code and not classified. */
	ck_assert_uint_eq(count_rows(&r, UY_CK_USTVERI_CLASSIFIED, "", UY_STATUS_PASSED), 1);
	uy_pkg_report_dispose(&r);
}
END_TEST

/* spec §15.3 */
START_TEST(sample_pipeline_v2x)
{
	uy_pkg_report r;

	ck_assert_int_eq(uy_eyp_check_file(&r, UY_SAMPLES_DIR "/paketv2x.eyp"), UY_OK);
	ck_assert_str_eq(r.generation, "2.x");
	assert_metadata(&r, "", na_2x, want_v2, N_OF(want_v2), "paketv2x.eyp");
	ck_assert_uint_eq(count_rows(&r, UY_CK_USTVERI_CLASSIFIED, "", UY_STATUS_PASSED), 1);
	ck_assert_uint_eq(count_rows(&r, UY_CK_NIHAIUSTVERI_IMZA, "", UY_STATUS_PASSED), 1);
	uy_pkg_report_dispose(&r);
}
END_TEST

/* spec §15.4: the outer BelgeHedef; the inner package, when the pipeline
 * checks it, as paketv2x.eyp. */
START_TEST(sample_pipeline_eyps)
{
	static const char inner[] = "/SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8";
	uy_pkg_report r;
	size_t inner_rows = 0;

	ck_assert_int_eq(uy_eyp_check_file(&r, UY_SAMPLES_DIR "/sifrelipaketv2x.eyps"), UY_OK);
	assert_metadata(&r, "", na_eyps, want_eyps_outer, N_OF(want_eyps_outer),
	    "sifrelipaketv2x.eyps outer");
	for (size_t i = 0; i < r.n_results; i++) {
		inner_rows += strcmp(r.results[i].scope, inner) == 0;
	}
	if (inner_rows > 0) {
		assert_metadata(&r, inner, na_2x, want_v2, N_OF(want_v2),
		    "sifrelipaketv2x.eyps inner");
	}
	uy_pkg_report_dispose(&r);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Limits                                                                   */
/* ------------------------------------------------------------------------ */

/* Long inputs are rejected or accepted without reading past the end. */
START_TEST(validator_long_inputs)
{
	size_t n = (size_t)1 << 20;
	char *s = malloc(n + 32);

	ck_assert_ptr_nonnull(s);
	memset(s, '1', n);
	s[n] = '\0';
	ck_assert(!uy_metadata__is_tckn(s));
	ck_assert_int_eq(uy_metadata__kkk_form(s), UY_KKK_INVALID);
	ck_assert(!uy_metadata__is_duration(s));
	ck_assert(!uy_metadata__parse_datetime(s, NULL));
	ck_assert(!uy_metadata__is_kep(s));
	ck_assert(!uy_metadata__is_sdp_kod(s));
	ck_assert_int_eq(uy_metadata__etiket_key(s), -1);
	s[0] = 'P';
	s[n - 1] = 'D';
	ck_assert(uy_metadata__is_duration(s)); /* xsd:duration has no digit cap */
	memcpy(s, "http://", 7);
	ck_assert(uy_metadata__is_http_url(s));
	memset(s, 'a', n);
	memcpy(s + n - 12, "@hs01.kep.tr", 12);
	ck_assert(!uy_metadata__is_kep(s)); /* local part over 64 */
	free(s);
}
END_TEST

/* Caps of the formats, at the cap and one past it. */
START_TEST(validator_caps)
{
	char local[80];

	memset(local, 'k', sizeof(local));
	memcpy(local + 64, "@hs01.kep.tr", 13);
	ck_assert(uy_metadata__is_kep(local)); /* local part of 64 */
	memset(local, 'k', sizeof(local));
	memcpy(local + 65, "@hs01.kep.tr", 13);
	ck_assert(!uy_metadata__is_kep(local)); /* 65 */
	ck_assert(uy_metadata__is_sdp_kod("612.01.03.04"));
	ck_assert(!uy_metadata__is_sdp_kod("612.01.03.04.05"));
	ck_assert(uy_metadata__parse_datetime("2021-01-01T00:00:00+14:00", NULL));
	ck_assert(!uy_metadata__parse_datetime("2021-01-01T00:00:00+14:01", NULL));
	ck_assert(uy_metadata__parse_datetime("9999-12-31T23:59:59.999999999999Z", NULL));
	ck_assert_int_eq(uy_metadata__kkk_form("FFFFFFFFFFFFFF"), UY_KKK_LEGACY);
	ck_assert_int_eq(uy_metadata__kkk_form("FFFFFFFFFFFFFFF"), UY_KKK_INVALID);
	ck_assert_int_eq(uy_metadata__kkk_form("99999999"), UY_KKK_DETSIS);
	ck_assert_int_eq(uy_metadata__kkk_form("999999999"), UY_KKK_INVALID);
	ck_assert(uy_metadata__is_http_url("http://h:65535/"));
	ck_assert(!uy_metadata__is_http_url("http://h:65536/"));
	ck_assert(!uy_metadata__is_http_url("http://h:000001/"));
	ck_assert(uy_metadata__etiket_sequence_ok((1u << 29) - 1));
	ck_assert(!uy_metadata__etiket_sequence_ok((1u << 30) - 1));
	ck_assert(!uy_metadata__etiket_sequence_ok(0xFFFFFFFFu));
}
END_TEST

/* Many elements: time O(n log n), findings capped at UY_MAX_FINDINGS. */
START_TEST(stage_many_elements)
{
	const size_t n = 20000;
	uy_buf b;
	uint8_t *xml = NULL;
	size_t len = 0;
	fx f;

	uy_buf_init(&b, (size_t)64 << 20, 0);
	ck_assert_int_eq(uy_buf_puts(&b, "<UstVeri xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-2\" "
	    "xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\"><t:BelgeId>" G_BELGE "</t:BelgeId>"
	    "<t:DagitimListesi>"), UY_OK);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(uy_buf_puts(&b, "<t:Dagitim><t:KurumKurulus><t:KKK>1</t:KKK>"
		    "</t:KurumKurulus><t:Ivedilik>NRM</t:Ivedilik>"
		    "<t:DagitimTuru>GRG</t:DagitimTuru>"
		    "<t:Miat>0</t:Miat></t:Dagitim>"), UY_OK);
	}
	ck_assert_int_eq(uy_buf_puts(&b, "</t:DagitimListesi><t:Ekler>"), UY_OK);
	for (size_t i = 0; i < n; i++) {
		/* All with the same Id and SiraNo: K.61 and SiraNo duplicates. */
		ck_assert_int_eq(uy_buf_puts(&b,
		    "<t:Ek><t:Id Value=\"" G_EK1 "\"/><t:Tur>DED</t:Tur>"
		    "<t:DosyaAdi>e.pdf</t:DosyaAdi><t:MimeTuru>a/b</t:MimeTuru>"
		    "<t:SiraNo>1</t:SiraNo>"
		    "</t:Ek>"), UY_OK);
	}
	ck_assert_int_eq(uy_buf_puts(&b, "</t:Ekler></UstVeri>"), UY_OK);
	xml = uy_buf_take(&b, &len);
	ck_assert_ptr_nonnull(xml);
	fx_init(&f, UY_KIND_EYP, UY_GEN_2, "2.0");
	f.info.ustveri = fx_part(&f, "/Ustveri/Ustveri.xml");
	f.info.ustveri_doc = fx_parse((const char *)xml, len);
	uy_free(xml);
	fx_run(&f);
	ck_assert_uint_le(f.rep.n_results, UY_MAX_FINDINGS + MD_N + 64);
	/* Regression: 20000 equal findings filled the report (UY_MAX_FINDINGS) and
	 * suppressed every later one; now 50 rows per check and part, then a count. */
	ck_assert_uint_eq(f.rep.suppressed, 0);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_USTVERI_MIAT, "", UY_STATUS_FAILED), 50 + 1);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_PARTY_KKK, "", UY_STATUS_FAILED), 50 + 1);
	{
		int seen = 0;
		for (size_t i = 0; i < f.rep.n_results; i++) {
			const uy_result *r = &f.rep.results[i];
			if (r->check->num == UY_CK_USTVERI_MIAT && r->detail_en != NULL &&
			    strstr(r->detail_en, "19950 more findings of the same check") != NULL) {
				ck_assert_str_eq(r->part, "/Ustveri/Ustveri.xml");
				ck_assert_ptr_nonnull(strstr(r->detail_tr, "19950 bulgusu daha var"));
				seen = 1;
			}
		}
		ck_assert(seen);
	}
	ck_assert_uint_eq(f.info.n_ek_entries, n);
	fx_dispose(&f);
}
END_TEST

/* Deep nesting (within the parser's cap): the walk is iterative. */
START_TEST(stage_deep_nesting)
{
	uy_buf b;
	uint8_t *xml = NULL;
	size_t len = 0;
	const size_t depth = UY_MAX_XML_DEPTH - 4;
	fx f;

	uy_buf_init(&b, (size_t)1 << 20, 0);
	ck_assert_int_eq(uy_buf_puts(&b, "<UstVeri xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-2\" "
	    "xmlns:t=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\"><t:Olusturan>"), UY_OK);
	for (size_t i = 0; i < depth; i++) {
		ck_assert_int_eq(uy_buf_puts(&b, "<t:X>"), UY_OK);
	}
	ck_assert_int_eq(uy_buf_puts(&b, "<t:TCKN>11111111111</t:TCKN>"), UY_OK);
	for (size_t i = 0; i < depth; i++) {
		ck_assert_int_eq(uy_buf_puts(&b, "</t:X>"), UY_OK);
	}
	ck_assert_int_eq(uy_buf_puts(&b, "</t:Olusturan></UstVeri>"), UY_OK);
	xml = uy_buf_take(&b, &len);
	ck_assert_ptr_nonnull(xml);
	fx_init(&f, UY_KIND_EYP, UY_GEN_2, "2.0");
	f.info.ustveri = fx_part(&f, "/Ustveri/Ustveri.xml");
	f.info.ustveri_doc = fx_parse((const char *)xml, len);
	uy_free(xml);
	fx_run(&f);
	ck_assert_uint_eq(count_rows(&f.rep, UY_CK_PARTY_TCKN, "", UY_STATUS_FAILED), 1);
	fx_dispose(&f);
}
END_TEST

/* More than the allocations one run of the stage makes on a fixture (about 280). */
#define N_ALLOC_POINTS 400

/* Every allocation failure of the stage ends in UY_ERR_NOMEM or UY_OK, never
 * a crash or a leak. The allocator reads UY_ALLOC_FAIL_AT once per process,
 * so each failure point runs in its own forked test and the set-up tolerates
 * failures too (nothing here asserts on an allocation). */
START_TEST(stage_alloc_failures)
{
	static uy_part parts[] = {
		{.name = (char *)"/Ustveri/Ustveri.xml", .usable = 1},
		{.name = (char *)"/NihaiUstveri/NihaiUstveri.xml", .usable = 1},
		{.name = (char *)"/UstYazi/ustyazi.pdf", .usable = 1},
		{.name = (char *)"/Ekler/ek1.pdf", .usable = 1},
		{.name = (char *)"/BelgeHedef/BelgeHedef.xml", .usable = 1},
		{.name = (char *)"/Imzalar/BelgeImza.xml", .usable = 1},
	};
	static uy_rel rel = {.id = (char *)"IdEk_" G_EK1, .type = (char *)UY_REL_EK,
	    .target = (char *)"/Ekler/ek1.pdf"};
	const char *fork_mode = getenv("CK_FORK");
	/* Iterations 0..N_ALLOC_POINTS-1 fail the 2.x run, the next ones the 1.x run. */
	int v1 = _i >= N_ALLOC_POINTS;
	int ok = 0;
	uy_pkg_report rep;
	uy_pkginfo info;
	uy_ctx ctx;
	uy_err rc = UY_OK;
	char num[32];

	if (fork_mode != NULL && strcmp(fork_mode, "no") == 0) {
		return; /* needs a fresh process per failure point */
	}
	snprintf(num, sizeof(num), "%d", _i % N_ALLOC_POINTS + 1);
	setenv("UY_ALLOC_FAIL_AT", num, 1);
	memset(&rep, 0, sizeof(rep));
	memset(&info, 0, sizeof(info));
	if (uy_pkg_report_init(&rep, "torture.eyp") == UY_OK) {
		ctx.report = &rep;
		ctx.scope = "";
		ctx.depth = 0;
		ctx.sig = NULL;
		info.kind = UY_KIND_EYP;
		info.gen = v1 ? UY_GEN_1 : UY_GEN_2;
		info.ustveri = &parts[0];
		info.ustyazi = &parts[2];
		info.ekler = uy_calloc(1, sizeof(*info.ekler));
		ok = info.ekler != NULL && uy_xml_parse(&info.ustveri_doc, NULL,
		    uy_span_str(v1 ? ustveri_1x : ustveri_2x)) == UY_OK;
		if (ok && v1) {
			info.belgehedef = &parts[4];
			info.belgeimza = &parts[5];
			ok = uy_xml_parse(&info.belgehedef_doc, NULL, uy_span_str(hedef_1x)) == UY_OK &&
			    uy_xml_parse(&info.belgeimza_doc, NULL, uy_span_str(imza_1x)) == UY_OK;
		} else if (ok) {
			info.nihaiustveri = &parts[1];
			ok = uy_xml_parse(&info.nihaiustveri_doc, NULL, uy_span_str(nihai_2x)) == UY_OK;
		}
	}
	if (ok) {
		info.ekler[0].part = &parts[3];
		info.ekler[0].rel = &rel;
		info.n_ekler = 1;
		rc = uy_rules__metadata(&ctx, NULL, &info);
		ck_assert_msg(rc == UY_OK || rc == UY_ERR_NOMEM, "allocation %s: %s", num,
		    uy_err_name(rc));
		/* After an operational error the engine only disposes the report. */
		if (rc == UY_OK) {
			rc = uy_pkg_report_finish(&rep);
			ck_assert_msg(rc == UY_OK || rc == UY_ERR_NOMEM, "allocation %s: %s", num,
			    uy_err_name(rc));
		}
	}
	unsetenv("UY_ALLOC_FAIL_AT");
	uy_pkginfo_dispose(&info);
	uy_pkg_report_dispose(&rep);
}
END_TEST

Suite *
uy_metadata_suite(void)
{
	Suite *s = suite_create("metadata");
	TCase *happy = tcase_create("happy");
	TCase *malformed = tcase_create("malformed");
	TCase *limits = tcase_create("limits");
	TCase *vectors = tcase_create("vectors");

	tcase_add_loop_test(happy, validator_happy, 0, (int)N_OF(happy_rows));
	tcase_add_loop_test(happy, etiket_sequence, 0, (int)N_OF(seq_rows));
	tcase_add_test(happy, datetime_order);
	tcase_add_test(happy, registry);
	tcase_add_loop_test(happy, stage_2x, 0, 1);
	tcase_add_loop_test(happy, stage_1x, 0, 1);
	tcase_add_test(happy, stage_locations);
	suite_add_tcase(s, happy);

	tcase_add_loop_test(malformed, validator_malformed, 0, (int)N_OF(malformed_rows));
	tcase_add_loop_test(malformed, stage_2x, 1, (int)N_OF(mut_2x));
	tcase_add_loop_test(malformed, stage_1x, 1, (int)N_OF(mut_1x));
	tcase_add_test(malformed, stage_missing_parts);
	tcase_add_test(malformed, stage_classified);
	tcase_add_test(malformed, stage_deprecated_detail);
	suite_add_tcase(s, malformed);

	tcase_add_test(limits, validator_long_inputs);
	tcase_add_test(limits, validator_caps);
	tcase_add_test(limits, stage_many_elements);
	tcase_add_test(limits, stage_deep_nesting);
	tcase_add_loop_test(limits, stage_alloc_failures, 0, 2 * N_ALLOC_POINTS);
	tcase_set_timeout(limits, 120);
	suite_add_tcase(s, limits);

	tcase_add_test(vectors, sample_stage_v1x);
	tcase_add_test(vectors, sample_stage_v2x);
	tcase_add_test(vectors, sample_stage_eyps);
	tcase_add_test(vectors, sample_pipeline_v1x);
	tcase_add_test(vectors, sample_pipeline_v2x);
	tcase_add_test(vectors, sample_pipeline_eyps);
	tcase_set_timeout(vectors, 60);
	suite_add_tcase(s, vectors);
	return s;
}

UY_TEST_MAIN(uy_metadata_suite)
