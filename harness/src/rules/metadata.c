/*
 * metadata.c - the metadata stage: Ustveri, NihaiUstveri, BelgeHedef and
 * BelgeImza (spec §3.4, §4, §5, §6, §11, §12); see rules.h for the pipeline.
 *
 * Elements are matched by local name within the e-Yazışma namespaces
 * (urn:dpt:eyazisma:schema:xsd:*), never by prefix (spec §4.1); the
 * element-namespace check reports children outside Tipler-n separately.
 * Hostile input: no recursion (the tree walk is iterative), lookups sort and
 * binary-search so every rule is O(n log n) in the number of elements, and
 * XML paths are not computed once the report holds UY_MAX_FINDINGS rows.
 * Each check lists at most METADATA_MAX_ROWS_PER_CHECK rows per part, then
 * one row with the count of the rest.
 */
#include "rules/rules.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_limits.h"
#include "uyum/uy_xml.h"

#define UY_MD_NS_XSI "http://www.w3.org/2001/XMLSchema-instance"

/* ------------------------------------------------------------------------ */
/* Field validators (declared in rules.h for the unit tests).                */
/* ------------------------------------------------------------------------ */

static int
metadata_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
metadata_hex(char c)
{
	return metadata_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Value of a hex digit (metadata_hex is true). */
static unsigned
metadata_hexval(char c)
{
	if (c >= '0' && c <= '9') {
		return (unsigned)(c - '0');
	}
	return (unsigned)((c | 0x20) - 'a' + 10);
}

static int
metadata_alnum(unsigned char c)
{
	return metadata_digit((char)c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* see rules.h */
int
uy_metadata__is_tckn(const char *s)
{
	int d[11];
	int odd = 0;
	int even = 0;
	int sum = 0;

	if (s == NULL) {
		return 0;
	}
	/* Stops at the first non-digit, so a short string is never over-read. */
	for (size_t i = 0; i < 11; i++) {
		if (!metadata_digit(s[i])) {
			return 0;
		}
		d[i] = s[i] - '0';
	}
	/* *= spec §6
	 *# 11 digits, first non-zero (ST_TCKN), checksum over d1..d11:
	 *# d10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10 (non-negative
	 *# remainder); d11 = (d1+…+d10) mod 10. */
	if (s[11] != '\0' || d[0] == 0) {
		return 0;
	}
	odd = d[0] + d[2] + d[4] + d[6] + d[8];
	even = d[1] + d[3] + d[5] + d[7];
	if (d[9] != ((odd * 7 - even) % 10 + 10) % 10) {
		return 0;
	}
	for (size_t i = 0; i < 10; i++) {
		sum += d[i];
	}
	return d[10] == sum % 10;
}

/* see rules.h */
uy_kkk_form
uy_metadata__kkk_form(const char *s)
{
	size_t n = 0;
	int all_digits = 1;
	int all_hex = 1;

	if (s == NULL) {
		return UY_KKK_INVALID;
	}
	for (; s[n] != '\0' && n <= 14; n++) {
		all_digits = all_digits && metadata_digit(s[n]);
		all_hex = all_hex && metadata_hex(s[n]);
	}
	/* *= spec §6
	 *# KKK: API regex ^[1-9]{1}[0-9]{7}$ (CS DogrulaKKK), the 8-digit DETSİS
	 *# code [...] The XSD ST_KKK (14 hex) fits the old DTVT code */
	if (n == 8 && all_digits && s[0] != '0') {
		return UY_KKK_DETSIS;
	}
	if (n == 14 && s[14] == '\0' && all_hex) {
		return UY_KKK_LEGACY;
	}
	return UY_KKK_INVALID;
}

/* One duration number: digits with an optional decimal point (XML Schema
 * 1.1 unsignedDecimalPtNumeral allows "1." and ".5", not "."). Advances *p
 * only on success; *frac tells whether a point was read. */
static int
metadata_dur_number(const char **p, int *frac)
{
	const char *s = *p;
	size_t int_digits = 0;
	size_t frac_digits = 0;

	*frac = 0;
	while (metadata_digit(*s)) {
		s++;
		int_digits++;
	}
	if (*s == '.') {
		*frac = 1;
		s++;
		while (metadata_digit(*s)) {
			s++;
			frac_digits++;
		}
	}
	if (int_digits == 0 && frac_digits == 0) {
		return 0;
	}
	*p = s;
	return 1;
}

/* see rules.h */
int
uy_metadata__is_duration(const char *s)
{
	static const char date_units[] = "YMD";
	static const char time_units[] = "HMS";
	const char *p = s;
	size_t next = 0;
	int any = 0;
	int frac = 0;

	if (s == NULL) {
		return 0;
	}
	/* XML Schema 1.1 Part 2 §3.3.6.2 (durationLexicalRep): an optional '-',
	 * 'P', Y M D parts in order, then 'T' and H M S parts in order; at least
	 * one part, 'T' only before a time part, a fraction only on seconds. */
	if (*p == '-') {
		p++;
	}
	if (*p != 'P') {
		return 0;
	}
	p++;
	while (*p != '\0' && *p != 'T') {
		const char *u = NULL;
		if (!metadata_dur_number(&p, &frac) || frac || *p == '\0') {
			return 0;
		}
		/* Each designator once, in Y M D order. */
		u = strchr(date_units + next, *p);
		if (u == NULL) {
			return 0;
		}
		next = (size_t)(u - date_units) + 1;
		any = 1;
		p++;
	}
	if (*p == 'T') {
		int any_time = 0;
		p++;
		next = 0;
		while (*p != '\0') {
			const char *u = NULL;
			if (!metadata_dur_number(&p, &frac) || *p == '\0') {
				return 0;
			}
			u = strchr(time_units + next, *p);
			/* Only seconds may have a fraction. */
			if (u == NULL || (frac && *u != 'S')) {
				return 0;
			}
			next = (size_t)(u - time_units) + 1;
			any_time = 1;
			p++;
		}
		/* "T" only if a time component follows. */
		if (!any_time) {
			return 0;
		}
		any = 1;
	}
	return any;
}

/* n decimal digits at s into *out; stops at the first non-digit. */
static int
metadata_num(const char *s, size_t n, int *out)
{
	int v = 0;

	for (size_t i = 0; i < n; i++) {
		if (!metadata_digit(s[i])) {
			return 0;
		}
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int
metadata_days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t
metadata_days_from_civil(int64_t y, int m, int d)
{
	int64_t era = 0;
	int64_t yoe = 0;
	int64_t doy = 0;
	int64_t doe = 0;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* see rules.h */
int
uy_metadata__parse_datetime(const char *s, uy_datetime *out)
{
	uy_datetime dt = {0, 0, 0};
	int y = 0;
	int mo = 0;
	int d = 0;
	int h = 0;
	int mi = 0;
	int sec = 0;
	long nanos = 0;
	int nd = 0;
	int frac_nonzero = 0;
	int64_t offset = 0;
	const char *p = NULL;

	if (out != NULL) {
		memset(out, 0, sizeof(*out));
	}
	if (s == NULL) {
		return 0;
	}
	/* Each metadata_num stops at a NUL, so the separators after it are in bounds. */
	if (!metadata_num(s, 4, &y) || s[4] != '-' || !metadata_num(s + 5, 2, &mo) || s[7] != '-' ||
	    !metadata_num(s + 8, 2, &d) || s[10] != 'T' || !metadata_num(s + 11, 2, &h) ||
	    s[13] != ':' || !metadata_num(s + 14, 2, &mi) || s[16] != ':' ||
	    !metadata_num(s + 17, 2, &sec)) {
		return 0;
	}
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > metadata_days_in_month(y, mo) || h > 24 ||
	    mi > 59 || sec > 59) {
		return 0;
	}
	p = s + 19;
	if (*p == '.') {
		p++;
		if (!metadata_digit(*p)) {
			return 0;
		}
		for (; metadata_digit(*p); p++) {
			if (nd < 9) {
				nanos = nanos * 10 + (*p - '0');
				nd++;
			}
			frac_nonzero = frac_nonzero || *p != '0';
		}
		for (; nd < 9; nd++) {
			nanos *= 10;
		}
	}
	/* XML Schema allows 24:00:00 only as the end of the day. */
	if (h == 24 && (mi != 0 || sec != 0 || frac_nonzero)) {
		return 0;
	}
	if (*p == 'Z') {
		dt.has_tz = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		int th = 0;
		int tm = 0;
		if (!metadata_num(p + 1, 2, &th) || p[3] != ':' || !metadata_num(p + 4, 2, &tm) ||
		    th > 14 || tm > 59 || (th == 14 && tm != 0)) {
			return 0;
		}
		offset = ((int64_t)th * 60 + tm) * 60;
		if (*p == '-') {
			offset = -offset;
		}
		dt.has_tz = 1;
		p += 6;
	}
	if (*p != '\0') {
		return 0;
	}
	dt.secs =
	    metadata_days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + mi * 60 + sec - offset;
	dt.nanos = nanos;
	if (out != NULL) {
		*out = dt;
	}
	return 1;
}

/* see rules.h */
int
uy_metadata__datetime_cmp(const uy_datetime *a, const uy_datetime *b)
{
	if (a->secs != b->secs) {
		return a->secs < b->secs ? -1 : 1;
	}
	if (a->nanos != b->nanos) {
		return a->nanos < b->nanos ? -1 : 1;
	}
	return 0;
}

static int
metadata_unreserved(unsigned char c)
{
	return metadata_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static int
metadata_subdelim(unsigned char c)
{
	return c != '\0' && strchr("!$&'()*+,;=", c) != NULL;
}

/* A %HH escape at s (RFC 3986 §2.1). */
static int
metadata_pct(const char *s)
{
	return s[0] == '%' && metadata_hex(s[1]) && metadata_hex(s[2]);
}

/* host [":" port] between h and end (RFC 3986 §3.2.2-3.2.3). Registered
 * names: letters, digits, '-', '_', '~' and non-ASCII (IDN) bytes in dot-
 * separated non-empty labels. IP literals: hex digits, ':' and '.'. */
static int
metadata_host_port(const char *h, const char *end)
{
	const char *p = h;

	if (p < end && *p == '[') {
		const char *start = ++p;
		while (p < end && *p != ']') {
			if (!metadata_hex(*p) && *p != ':' && *p != '.') {
				return 0;
			}
			p++;
		}
		if (p == end || p == start) {
			return 0;
		}
		p++;
	} else {
		const char *start = p;
		unsigned char prev = '.';
		for (; p < end && *p != ':'; p++) {
			unsigned char c = (unsigned char)*p;
			if (c == '.' ? prev == '.' :
			    !(metadata_alnum(c) || c == '-' || c == '_' || c == '~' || c >= 0x80)) {
				return 0;
			}
			prev = c;
		}
		if (p == start) {
			return 0;
		}
	}
	if (p < end) {
		unsigned long port = 0;
		size_t nd = 0;
		if (*p != ':') {
			return 0;
		}
		for (p++; p < end; p++, nd++) {
			if (!metadata_digit(*p) || nd >= 5) {
				return 0;
			}
			port = port * 10 + (unsigned long)(*p - '0');
		}
		if (nd == 0 || port > 65535) {
			return 0;
		}
	}
	return 1;
}

/* see rules.h */
int
uy_metadata__is_http_url(const char *s)
{
	const char *p = NULL;
	const char *auth = NULL;
	const char *at = NULL;
	int fragment = 0;

	if (s == NULL) {
		return 0;
	}
	if (strncasecmp(s, "http://", 7) == 0) {
		p = s + 7;
	} else if (strncasecmp(s, "https://", 8) == 0) {
		p = s + 8;
	} else {
		return 0;
	}
	auth = p;
	for (; *p != '\0' && *p != '/' && *p != '?' && *p != '#'; p++) {
		if (*p == '@') {
			at = p;
		}
	}
	if (at != NULL) {
		for (const char *u = auth; u < at; u++) {
			unsigned char c = (unsigned char)*u;
			if (c == '%') {
				/* '@' is not a hex digit, so the escape ends before it. */
				if (!metadata_pct(u)) {
					return 0;
				}
				u += 2;
				continue;
			}
			if (!metadata_unreserved(c) && !metadata_subdelim(c) && c != ':') {
				return 0;
			}
		}
		auth = at + 1;
	}
	if (!metadata_host_port(auth, p)) {
		return 0;
	}
	/* path, query, fragment: RFC 3986 pchar plus '/', '?'; IRI letters kept. */
	for (; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '%') {
			if (!metadata_pct(p)) {
				return 0;
			}
			p += 2;
			continue;
		}
		if (c == '#') {
			if (fragment) {
				return 0;
			}
			fragment = 1;
			continue;
		}
		if (c >= 0x80 || metadata_unreserved(c) || metadata_subdelim(c) || c == ':' ||
		    c == '@' || c == '/' || c == '?') {
			continue;
		}
		return 0;
	}
	return 1;
}

/* see rules.h */
int
uy_metadata__is_kep(const char *s)
{
	const char *at = NULL;
	const char *dom = NULL;
	size_t n = 0;

	if (s == NULL) {
		return 0;
	}
	at = strchr(s, '@');
	if (at == NULL || strchr(at + 1, '@') != NULL) {
		return 0;
	}
	/* Local part: RFC 5322 dot-atom, at most 64 octets (RFC 5321 §4.5.3.1.1). */
	n = (size_t)(at - s);
	if (n == 0 || n > 64 || s[0] == '.' || at[-1] == '.') {
		return 0;
	}
	for (const char *p = s; p < at; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '.') {
			if (p[1] == '.') {
				return 0;
			}
			continue;
		}
		if (!metadata_alnum(c) && strchr("!#$%&'*+/=?^_`{|}~-", c) == NULL) {
			return 0;
		}
	}
	/* *= spec §6
	 *# KepAdresi (2.x): valid e-mail whose domain is one of hs01.kep.tr …
	 *# hs08.kep.tr (CS KEPHS_DOMAINS). */
	dom = at + 1;
	return strlen(dom) == 11 && strncasecmp(dom, "hs0", 3) == 0 && dom[3] >= '1' &&
	    dom[3] <= '8' && strcasecmp(dom + 4, ".kep.tr") == 0;
}

/* see rules.h */
int
uy_metadata__is_sdp_kod(const char *s)
{
	if (s == NULL || !metadata_digit(s[0]) || !metadata_digit(s[1]) || !metadata_digit(s[2])) {
		return 0;
	}
	s += 3;
	for (int g = 0; g < 3 && *s == '.'; g++) {
		if (!metadata_digit(s[1]) || !metadata_digit(s[2])) {
			return 0;
		}
		s += 3;
	}
	return *s == '\0';
}

/* RFC 2045 §5.1 token character. */
static int
metadata_token_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("()<>@,;:\\\"/[]?=", c) == NULL;
}

/* see rules.h */
int
uy_metadata__is_mime(const char *s)
{
	size_t n = 0;

	if (s == NULL) {
		return 0;
	}
	for (; metadata_token_char((unsigned char)*s); s++) {
		n++;
	}
	if (n == 0 || *s != '/') {
		return 0;
	}
	n = 0;
	for (s++; metadata_token_char((unsigned char)*s); s++) {
		n++;
	}
	if (n == 0) {
		return 0;
	}
	while (*s == ' ' || *s == '\t') {
		s++;
	}
	if (*s == '\0') {
		return 1;
	}
	/* Parameters are kept loose: printable text after ';'. */
	if (*s != ';') {
		return 0;
	}
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			return 0;
		}
	}
	return 1;
}

/* Keys of 'a'..'z' (spec §6 alphabet order; q, w, x are 29..31). */
static const signed char metadata_ascii_key[26] = {
	0, 1, 2, 4, 5, 6, 7, 9, 11, 12, 13, 14, 15,
	16, 17, 19, 29, 20, 21, 23, 24, 26, 30, 31, 27, 28,
};

/* Letter of each key, for reports. */
static const char *const metadata_key_letter[32] = {
	"a", "b", "c", "ç", "d", "e", "f", "g", "ğ", "h", "ı", "i", "j", "k", "l", "m",
	"n", "o", "ö", "p", "r", "s", "ş", "t", "u", "ü", "v", "y", "z", "q", "w", "x",
};

/* see rules.h */
int
uy_metadata__etiket_key(const char *s)
{
	/* Turkish letters outside ASCII, both cases. */
	static const struct {
		unsigned cp;
		int key;
	} tr[] = {
		{0x00E7, 3}, {0x00C7, 3},   /* ç Ç */
		{0x011F, 8}, {0x011E, 8},   /* ğ Ğ */
		{0x0131, 10}, {0x0130, 11}, /* ı, İ (capital of i) */
		{0x00F6, 18}, {0x00D6, 18}, /* ö Ö */
		{0x015F, 22}, {0x015E, 22}, /* ş Ş */
		{0x00FC, 25}, {0x00DC, 25}, /* ü Ü */
	};
	const unsigned char *u = (const unsigned char *)s;
	unsigned cp = 0;

	if (s == NULL || u[0] == '\0') {
		return -1;
	}
	/* *= spec §6
	 *# Etiket is one letter matching ^[a-zA-ZğüşöçİĞÜŞÖÇ]{1}$, unique (CS
	 *# Kritik)
	 * The CS class lacks ı although the alphabet below holds it; ı is
	 * accepted so that a gapless a..ı sequence is not an error. */
	if (u[0] < 0x80) {
		if (u[1] != '\0') {
			return -1;
		}
		if (u[0] >= 'a' && u[0] <= 'z') {
			return metadata_ascii_key[u[0] - 'a'];
		}
		if (u[0] == 'I') {
			return 10; /* Turkish casing: I is the capital of ı */
		}
		if (u[0] >= 'A' && u[0] <= 'Z') {
			return metadata_ascii_key[u[0] - 'A'];
		}
		return -1;
	}
	if ((u[0] & 0xE0) != 0xC0 || (u[1] & 0xC0) != 0x80 || u[2] != '\0') {
		return -1;
	}
	cp = ((unsigned)(u[0] & 0x1F) << 6) | (unsigned)(u[1] & 0x3F);
	for (size_t i = 0; i < sizeof(tr) / sizeof(tr[0]); i++) {
		if (tr[i].cp == cp) {
			return tr[i].key;
		}
	}
	return -1;
}

/* see rules.h */
int
uy_metadata__etiket_sequence_ok(uint32_t keys)
{
	/* *= spec §6
	 *# the sorted lower-cased label set must be exactly the first n letters
	 *# of the Turkish alphabet abcçdefgğhıijklmnoöprsştuüvyz, i.e. start at a
	 *# with no gaps (CS Uyari). */
	return keys == 0 || ((keys & (keys + 1u)) == 0 && keys < (1u << 29));
}

/* ------------------------------------------------------------------------ */
/* The stage.                                                               */
/* ------------------------------------------------------------------------ */

/* Generation bits of metadata_checks[].gens. */
enum { UY_MD_G1 = 1u << UY_GEN_1, UY_MD_G2 = 1u << UY_GEN_2, UY_MD_GB = UY_MD_G1 | UY_MD_G2 };

/* What a check needs to be evaluated. */
typedef enum {
	UY_MD_GRP_USTVERI, /* a usable Ustveri */
	UY_MD_GRP_USTYAZI, /* Ustveri and the UstYazi part */
	UY_MD_GRP_PARTY,   /* shared party types, in every metadata part read */
	UY_MD_GRP_NIHAI,   /* NihaiUstveri (2.x .eyp) */
	UY_MD_GRP_HEDEF,   /* BelgeHedef */
	UY_MD_GRP_HEDEF_X, /* Ustveri and BelgeHedef (1.x .eyp) */
	UY_MD_GRP_IMZA,    /* BelgeImza (1.x, optional part) */
} metadata_group;

/* The checks this stage evaluates, with the generations they apply to. The
 * *_MALFORMED checks are handled where the parts are parsed. */
static const struct {
	uy_check_id id;
	unsigned gens;
	metadata_group group;
} metadata_checks[] = {
	{UY_CK_USTVERI_ELEMENT_NS, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_REQUIRED, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_MIMETURU, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_TARIH_BELGENO_2X, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_TARIH, UY_MD_G1, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_GUID, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_GUID_UPPER, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_ID_DISTINCT, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_GUVENLIK_KODU, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_CLASSIFIED, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_GECERLILIK, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_GECERLILIK_ORDER, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_DAGITIM_COUNT, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_IVEDILIK, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_DAGITIM_TURU, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_MIAT, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_GNL_MIAT, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_KONULMAMIS_REF, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_KONULMAMIS_EMPTY, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_OZID_SCHEME, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_SDP_KOD, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_HEYSK_KOD, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_TUR, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_SIRANO, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_DED_FIELDS, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_DED_PART, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_DED_PART_KONULMAMIS, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_UNDECLARED, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_HRF_REFERANS, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_EK_IMZALI, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_ILGI_EKID, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_ILGI_ETIKET, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_ILGI_ETIKET_SEQ, UY_MD_GB, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_DOGRULAMA, UY_MD_G2, UY_MD_GRP_USTVERI},
	{UY_CK_USTVERI_DOSYA_ADI, UY_MD_GB, UY_MD_GRP_USTYAZI},
	{UY_CK_PARTY_TCKN, UY_MD_GB, UY_MD_GRP_PARTY},
	{UY_CK_PARTY_KKK, UY_MD_GB, UY_MD_GRP_PARTY},
	{UY_CK_PARTY_KKK_LEGACY, UY_MD_GB, UY_MD_GRP_PARTY},
	{UY_CK_PARTY_KKK_XSD, UY_MD_GB, UY_MD_GRP_PARTY},
	{UY_CK_PARTY_TUZEL_SCHEME, UY_MD_GB, UY_MD_GRP_PARTY},
	{UY_CK_PARTY_KEP, UY_MD_G2, UY_MD_GRP_PARTY},
	{UY_CK_USTVERI_DEPRECATED, UY_MD_GB, UY_MD_GRP_PARTY},
	{UY_CK_NIHAIUSTVERI_BELGENO, UY_MD_G2, UY_MD_GRP_NIHAI},
	{UY_CK_NIHAIUSTVERI_IMZA, UY_MD_G2, UY_MD_GRP_NIHAI},
	{UY_CK_NIHAIUSTVERI_TARIH, UY_MD_G2, UY_MD_GRP_NIHAI},
	{UY_CK_BELGEHEDEF_HEDEF, UY_MD_GB, UY_MD_GRP_HEDEF},
	{UY_CK_BELGEHEDEF_SUBSET, UY_MD_G1, UY_MD_GRP_HEDEF_X},
	{UY_CK_BELGEIMZA_IMZA, UY_MD_G1, UY_MD_GRP_IMZA},
};

/* An identifier for the GUID, K.80 and K.61 rules. */
typedef struct {
	const char *value;   /* borrowed from info or owned by metadata_state.owned */
	const xmlNode *node; /* element that carries it */
	const char *what;    /* "BelgeId", "Ek/Id/@Value", "Ilgi/Id/@Value" */
	size_t ord;          /* document order, for stable reports */
} metadata_idref;

/*
 * Rows listed per check and part. A circular to a thousand recipients
 * repeats the same per-Dagitim finding (Miat 0, a DETSİS KKK against ST_KKK)
 * a thousand times; listed in full, such rows would fill the report's
 * UY_MAX_FINDINGS and push out every later finding (digests, signatures)
 * and all PASSED rows. Past this many, one row gives the count instead.
 */
#define METADATA_MAX_ROWS_PER_CHECK 50u

/* Rows recorded and rows held back for one check in one part. */
typedef struct {
	uy_check_id id;
	const char *part; /* borrowed part name (NULL: no part) */
	size_t listed;
	size_t more;
} metadata_tally;

typedef struct {
	uy_ctx *ctx;
	uy_pkg *pkg;
	uy_pkginfo *info;
	unsigned genbit;      /* UY_MD_G1 or UY_MD_G2 */
	int minor;            /* minor of a 1.x Core version, -1 if unknown */
	const char *part;     /* name of the part being checked, for locations */

	const xmlNode **ek_nodes; /* Ek elements, parallel to info->ek_entries */
	uy_ek_entry **ek_by_id;   /* entries with an Id, sorted by Id (ASCII case-insensitive) */
	size_t n_ek_by_id;
	uy_ek_entry **ek_by_name; /* entries with a DosyaAdi, sorted by it */
	size_t n_ek_by_name;

	metadata_idref *ids;        /* BelgeId, Ek and Ilgi identifiers */
	size_t n_ids;
	size_t alloc_ids;
	char **owned;         /* strings metadata_idref borrows from (Ilgi Ids) */
	size_t n_owned;

	const xmlNode *belge_id_node;
	int ustveri_ok;       /* Ustveri was evaluated */
	size_t n_dagitim;
	int parties_read;     /* some part's party elements were checked */
	int has_doc_date;     /* document date: 1.x Ustveri/Tarih, 2.x NihaiUstveri/Tarih */
	uy_datetime doc_date;
	char *doc_date_text;

	metadata_tally *tally; /* rows per (check, part), see metadata_fail */
	size_t n_tally;
	size_t alloc_tally;
} metadata_state;

/* Record a finding at an element of the current part (node may be NULL).
 * Both formats take the same arguments, as for uy_ctx_fail(). */
static uy_err metadata_fail(metadata_state *st, uy_check_id id, const xmlNode *node,
    const char *fmt_tr, const char *fmt_en, ...) UY_PRINTF2(4, 5, 6);

/* The tally of (id, current part), added when new; NULL when out of memory. */
static metadata_tally *
metadata_tally_of(metadata_state *st, uy_check_id id)
{
	metadata_tally *t = NULL;

	/* Few pairs per package (checks that failed x metadata parts): a linear walk. */
	for (size_t i = 0; i < st->n_tally; i++) {
		t = &st->tally[i];
		if (t->id == id && (t->part == st->part ||
		    (t->part != NULL && st->part != NULL && strcmp(t->part, st->part) == 0))) {
			return t;
		}
	}
	if (st->n_tally == st->alloc_tally) {
		size_t n = st->alloc_tally == 0 ? 16 : st->alloc_tally * 2;
		metadata_tally *v = uy_realloc(st->tally, n * sizeof(*v));
		if (v == NULL) {
			return NULL;
		}
		st->tally = v;
		st->alloc_tally = n;
	}
	t = &st->tally[st->n_tally++];
	t->id = id;
	t->part = st->part;
	t->listed = 0;
	t->more = 0;
	return t;
}

/* One row per (check, part) whose findings were held back: how many. */
static uy_err
metadata_flush_tally(metadata_state *st)
{
	for (size_t i = 0; i < st->n_tally; i++) {
		const metadata_tally *t = &st->tally[i];
		if (t->more == 0) {
			continue;
		}
		UY_TRY(uy_ctx_fail(st->ctx, t->id, UY_LOC_PART(t->part),
		    "Bu bölümde aynı denetimin %zu bulgusu daha var; ilk %u bulgu listelendi",
		    "This part has %zu more findings of the same check; the first %u are listed",
		    t->more, METADATA_MAX_ROWS_PER_CHECK));
	}
	st->n_tally = 0;
	return UY_OK;
}

static uy_err
metadata_fail(metadata_state *st, uy_check_id id, const xmlNode *node, const char *fmt_tr,
    const char *fmt_en, ...)
{
	uy_err rc = UY_OK;
	va_list ap;
	char *path = NULL;
	uy_loc loc = UY_LOC_PART(st->part);
	metadata_tally *t = metadata_tally_of(st, id);

	UY_ENSURE(t != NULL, UY_ERR_NOMEM);
	if (t->listed >= METADATA_MAX_ROWS_PER_CHECK) {
		/* The check already has FAILED rows here; metadata_flush_tally adds the count. */
		t->more++;
		return UY_OK;
	}
	t->listed++;
	if (st->ctx->report->n_results >= UY_MAX_FINDINGS) {
		/* Only counted from here on: spare the path walk and the text. */
		return uy_ctx_fail(st->ctx, id, loc, "%s", "%s", "");
	}
	if (node != NULL) {
		path = uy_xml_path(node);
		UY_ENSURE(path != NULL, UY_ERR_NOMEM);
		loc.path = path;
		loc.line = uy_xml_line(node);
	}
	va_start(ap, fmt_en);
	rc = uy_ctx_vfail(st->ctx, id, loc, fmt_tr, fmt_en, ap);
	va_end(ap);
	uy_free(path);
	return rc;
}
/* Record that a check could not be evaluated in the current part. */
static uy_err
metadata_skip(metadata_state *st, uy_check_id id, const char *why_tr, const char *why_en)
{
	return uy_ctx_skip(st->ctx, id, UY_LOC_PART(st->part), "%s%.0s", "%.0s%s", why_tr, why_en);
}

/* Whether metadata_checks[i] is in group and applies to the generation. */
static int
metadata_applies(const metadata_state *st, size_t i, metadata_group group)
{
	return metadata_checks[i].group == group && (metadata_checks[i].gens & st->genbit) != 0;
}

/* Skip every check of a group that applies to the generation. */
static uy_err
metadata_skip_group(metadata_state *st, metadata_group group, const char *why_tr,
    const char *why_en)
{
	for (size_t i = 0; i < sizeof(metadata_checks) / sizeof(metadata_checks[0]); i++) {
		if (metadata_applies(st, i, group)) {
			UY_TRY(metadata_skip(st, metadata_checks[i].id, why_tr, why_en));
		}
	}
	return UY_OK;
}

/* Mark every check of a group evaluated. A check with a finding or a skip
 * in this scope keeps it; the others get a PASSED row at the end. */
static uy_err
metadata_pass_group(metadata_state *st, metadata_group group)
{
	for (size_t i = 0; i < sizeof(metadata_checks) / sizeof(metadata_checks[0]); i++) {
		if (metadata_applies(st, i, group)) {
			UY_TRY(uy_ctx_pass(st->ctx, metadata_checks[i].id));
		}
	}
	return UY_OK;
}

/* An element in one of the e-Yazışma namespaces, named local (any if NULL). */
static int
metadata_is(const xmlNode *n, const char *local)
{
	const char *ns = NULL;

	if (!uy_xml_is(n, NULL, local)) {
		return 0;
	}
	ns = uy_xml_ns(n);
	return ns != NULL && strncmp(ns, UY_NS_EY_PREFIX, sizeof(UY_NS_EY_PREFIX) - 1) == 0;
}

/* First e-Yazışma child element named local; NULL if none. */
static xmlNodePtr
metadata_first(const xmlNode *parent, const char *local)
{
	for (xmlNodePtr c = uy_xml_first_element(parent); c != NULL;
	     c = uy_xml_next(c, NULL, NULL)) {
		if (metadata_is(c, local)) {
			return c;
		}
	}
	return NULL;
}

/* Next e-Yazışma sibling element named local; NULL if none. */
static xmlNodePtr
metadata_next(const xmlNode *node, const char *local)
{
	for (xmlNodePtr c = uy_xml_next(node, NULL, NULL); c != NULL;
	     c = uy_xml_next(c, NULL, NULL)) {
		if (metadata_is(c, local)) {
			return c;
		}
	}
	return NULL;
}

static size_t
metadata_count(const xmlNode *parent, const char *local)
{
	size_t n = 0;

	for (xmlNodePtr c = metadata_first(parent, local); c != NULL; c = metadata_next(c, local)) {
		n++;
	}
	return n;
}

/* Next element in document order inside top's subtree; iterative, so the
 * depth of hostile documents costs no stack. */
static xmlNodePtr
metadata_walk_next(xmlNodePtr n, const xmlNode *top)
{
	xmlNodePtr c = uy_xml_first_element(n);

	if (c != NULL) {
		return c;
	}
	for (; n != NULL && n != top; n = n->parent) {
		xmlNodePtr s = uy_xml_next(n, NULL, NULL);
		if (s != NULL) {
			return s;
		}
	}
	return NULL;
}

/* Owned trimmed text of node in *out (NULL when node is NULL). */
static uy_err
metadata_text(char **out, const xmlNode *node)
{
	*out = NULL;
	if (node == NULL) {
		return UY_OK;
	}
	*out = uy_xml_text(node);
	return *out != NULL ? UY_OK : UY_ERR_NOMEM;
}

/* Owned value of an attribute without namespace in *out (NULL when absent). */
static uy_err
metadata_attr(char **out, const xmlNode *node, const char *name)
{
	*out = NULL;
	if (node == NULL || xmlHasNsProp(node, (const xmlChar *)name, NULL) == NULL) {
		return UY_OK;
	}
	*out = uy_xml_attr(node, name);
	return *out != NULL ? UY_OK : UY_ERR_NOMEM;
}

/* xsi:nil="true" on an element. */
static int
metadata_is_nil(const xmlNode *node)
{
	xmlChar *v = xmlGetNsProp(node, (const xmlChar *)"nil", (const xmlChar *)UY_MD_NS_XSI);
	int nil = 0;

	if (v != NULL) {
		nil = strcmp((const char *)v, "true") == 0 || strcmp((const char *)v, "1") == 0;
		xmlFree(v);
	}
	return nil;
}

/* xsd:int (whitespace already trimmed). */
static int
metadata_parse_int(const char *s, int64_t *out)
{
	int neg = 0;
	int64_t v = 0;
	size_t n = 0;

	if (*s == '+' || *s == '-') {
		neg = *s == '-';
		s++;
	}
	for (; metadata_digit(*s); s++, n++) {
		v = v * 10 + (*s - '0');
		if (v > 2147483648LL) {
			return 0;
		}
	}
	if (n == 0 || *s != '\0' || (!neg && v > 2147483647LL)) {
		return 0;
	}
	*out = neg ? -v : v;
	return 1;
}

/* xsd:boolean: 1, 0, or -1 when not a boolean literal. */
static int
metadata_parse_bool(const char *s)
{
	if (strcmp(s, "true") == 0 || strcmp(s, "1") == 0) {
		return 1;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "0") == 0) {
		return 0;
	}
	return -1;
}

static int
metadata_in(const char *s, const char *const *list)
{
	for (; *list != NULL; list++) {
		if (strcmp(s, *list) == 0) {
			return 1;
		}
	}
	return 0;
}

/* Owned file name of a part name with %-escapes decoded (ECMA-376-2 part
 * names are IRIs written escaped in the ZIP); %00 stays literal. */
static char *
metadata_file_name(const char *part_name)
{
	const char *base = strrchr(part_name, '/');
	char *out = NULL;
	size_t j = 0;

	base = base != NULL ? base + 1 : part_name;
	out = uy_alloc(strlen(base) + 1);
	if (out == NULL) {
		return NULL;
	}
	for (size_t i = 0; base[i] != '\0'; i++) {
		if (metadata_pct(base + i) && !(base[i + 1] == '0' && base[i + 2] == '0')) {
			out[j++] = (char)(metadata_hexval(base[i + 1]) << 4 |
			    metadata_hexval(base[i + 2]));
			i += 2;
			continue;
		}
		out[j++] = base[i];
	}
	out[j] = '\0';
	return out;
}

/* The 1.x minor version from Core version ("1.3" -> 3); -1 if unknown. */
static int
metadata_minor(const char *v)
{
	int minor = 0;
	size_t n = 0;

	if (v == NULL || v[0] != '1' || v[1] != '.') {
		return -1;
	}
	for (v += 2; metadata_digit(*v) && n < 4; v++, n++) {
		minor = minor * 10 + (*v - '0');
	}
	return n > 0 ? minor : -1;
}

/* ---- Ek lookup ---------------------------------------------------------- */

static int
metadata_cmp_ek_id(const void *a, const void *b)
{
	const uy_ek_entry *x = *(const uy_ek_entry *const *)a;
	const uy_ek_entry *y = *(const uy_ek_entry *const *)b;
	int c = strcasecmp(x->id, y->id);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

static int
metadata_cmp_ek_name(const void *a, const void *b)
{
	const uy_ek_entry *x = *(const uy_ek_entry *const *)a;
	const uy_ek_entry *y = *(const uy_ek_entry *const *)b;
	int c = strcasecmp(x->dosya_adi, y->dosya_adi);

	return c != 0 ? c : (x < y ? -1 : x > y);
}

/* First entry (in document order) whose Id or DosyaAdi equals key, ASCII
 * case-insensitively, from an array sorted by that field; NULL if none. */
static uy_ek_entry *
metadata_ek_find(uy_ek_entry **sorted, size_t n, const char *key, int by_name)
{
	size_t lo = 0;
	size_t hi = n;

	if (key == NULL || key[0] == '\0') {
		return NULL;
	}
	/* Lower bound: the first element not below key. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *v = by_name ? sorted[mid]->dosya_adi : sorted[mid]->id;
		if (strcasecmp(v, key) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	if (lo < n && strcasecmp(by_name ? sorted[lo]->dosya_adi : sorted[lo]->id, key) == 0) {
		return sorted[lo];
	}
	return NULL;
}

static uy_ek_entry *
metadata_ek_by_id(metadata_state *st, const char *id)
{
	return metadata_ek_find(st->ek_by_id, st->n_ek_by_id, id, 0);
}

/* ---- identifiers -------------------------------------------------------- */

static uy_err
metadata_add_id(metadata_state *st, const char *value, const xmlNode *node, const char *what)
{
	if (st->n_ids == st->alloc_ids) {
		size_t n = st->alloc_ids == 0 ? 16 : st->alloc_ids * 2;
		metadata_idref *p = NULL;
		size_t bytes = 0;
		UY_TRY(uy_size_mul(n, sizeof(*p), &bytes));
		p = uy_realloc(st->ids, bytes);
		UY_ENSURE(p != NULL, UY_ERR_NOMEM);
		st->ids = p;
		st->alloc_ids = n;
	}
	st->ids[st->n_ids].value = value;
	st->ids[st->n_ids].node = node;
	st->ids[st->n_ids].what = what;
	st->ids[st->n_ids].ord = st->n_ids;
	st->n_ids++;
	return UY_OK;
}

/* Keep a string alive until the stage ends; takes ownership of s. */
static uy_err
metadata_keep(metadata_state *st, char *s)
{
	char **p = NULL;
	size_t bytes = 0;
	uy_err rc = UY_OK;

	UY_TRY_OUT(uy_size_mul(st->n_owned + 1, sizeof(*p), &bytes));
	p = uy_realloc(st->owned, bytes);
	UY_ENSURE_OUT(p != NULL, UY_ERR_NOMEM);
	st->owned = p;
	st->owned[st->n_owned++] = s;
	s = NULL; /* now owned by st */
done:
	uy_free(s);
	return rc;
}

static int
metadata_cmp_idref(const void *a, const void *b)
{
	const metadata_idref *x = a;
	const metadata_idref *y = b;
	int c = strcasecmp(x->value, y->value);

	if (c != 0) {
		return c;
	}
	return x->ord < y->ord ? -1 : x->ord > y->ord;
}

/* GUID syntax, uppercase in 2.x (K.80), all distinct (K.61). */
static uy_err
metadata_check_ids(metadata_state *st)
{
	for (size_t i = 0; i < st->n_ids; i++) {
		const metadata_idref *r = &st->ids[i];
		if (!uy_rules__is_guid(r->value)) {
			UY_TRY(metadata_fail(st, UY_CK_USTVERI_GUID, r->node,
			    "%s '%s' bir GUID değil", "%s '%s' is not a GUID", r->what, r->value));
			continue;
		}
		/* *= spec §6
		 *# in 2.x all GUIDs (summary @Ids and Core identifier too) are
		 *# uppercase (PHP K.80; CB ToUpperInvariant()) */
		if (st->genbit == UY_MD_G2 && !uy_rules__is_upper(r->value)) {
			UY_TRY(metadata_fail(st, UY_CK_USTVERI_GUID_UPPER, r->node,
			    "%s '%s' küçük harf içeriyor; 2.x'te GUID'ler büyük harfle yazılır",
			    "%s '%s' contains lowercase letters; 2.x GUIDs are uppercase", r->what,
			    r->value));
		}
	}
	if (st->n_ids > 1) {
		qsort(st->ids, st->n_ids, sizeof(*st->ids), metadata_cmp_idref);
	}
	for (size_t i = 1; i < st->n_ids; i++) {
		const metadata_idref *a = &st->ids[i - 1];
		const metadata_idref *b = &st->ids[i];
		if (b->value[0] == '\0' || strcasecmp(a->value, b->value) != 0) {
			continue;
		}
		UY_TRY(metadata_fail(st, UY_CK_USTVERI_ID_DISTINCT, b->node,
		    "%s '%s', %s (satır %ld) ile aynı", "%s '%s' equals %s (line %ld)", b->what,
		    b->value, a->what, uy_xml_line(a->node)));
	}
	return UY_OK;
}

/* ---- shared parts ------------------------------------------------------- */

/* Dagitim, Olusturan, Hedef: exactly one of KurumKurulus, GercekSahis,
 * TuzelSahis (CT_Dagitim, CT_Olusturan, CT_Hedef choice). */
static uy_err
metadata_party_choice(metadata_state *st, const xmlNode *node, uy_check_id check)
{
	size_t n = metadata_count(node, "KurumKurulus") + metadata_count(node, "GercekSahis") +
	    metadata_count(node, "TuzelSahis");

	if (n == 1) {
		return UY_OK;
	}
	return metadata_fail(st, check, node,
	    "%s içinde KurumKurulus, GercekSahis veya TuzelSahis öğelerinden tam biri olmalı; %zu bulundu",
	    "%s must contain exactly one of KurumKurulus, GercekSahis or TuzelSahis; %zu found",
	    (const char *)node->name, n);
}

/* TCKN, KKK, BirimKKK, TuzelSahis/Id, KepAdresi, (Ustveri) OzId and the
 * deprecated KurumKurulus/BYK and Imza/TCYK anywhere under top (spec §3.4,
 * §4.4, §6). */
static uy_err
metadata_parties(metadata_state *st, xmlNodePtr top, int is_ustveri)
{
	static const char *const schemes[] = {"MERSIS", "VBYS", "DERBIS", "PARBIS", "SENBIS", NULL};
	uy_err rc = UY_OK;
	char *text = NULL;
	char *scheme = NULL;

	st->parties_read = 1;
	for (xmlNodePtr n = uy_xml_first_element(top); n != NULL; n = metadata_walk_next(n, top)) {
		const char *name = (const char *)n->name;
		uy_free(text);
		uy_free(scheme);
		text = NULL;
		scheme = NULL;
		if (!metadata_is(n, NULL)) {
			continue;
		}
		/* *= spec §3.4
		 *# Deprecated | BYK (KurumKurulus), TCYK (Imza): CS "kullanımdan kaldırılmıştır"
		 * Only as children of those types: elsewhere the names are not the
		 * deprecated elements. 2.x has neither (CT_KurumKurulus 2.x: KKK,
		 * Adi?, IletisimBilgisi?, BirimKKK?; spec §4.4), so they are reported
		 * there too. */
		if ((strcmp(name, "BYK") == 0 && metadata_is(n->parent, "KurumKurulus")) ||
		    (strcmp(name, "TCYK") == 0 && metadata_is(n->parent, "Imza"))) {
			int g1 = st->genbit == UY_MD_G1;
			UY_TRY_OUT(metadata_text(&text, n));
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DEPRECATED, n,
			    "%s içindeki %s öğesi ('%s') %s%.0s", "In %s, %s ('%s') %.0s%s",
			    (const char *)n->parent->name, name, text,
			    g1 ? "1.x'te kullanımdan kaldırılmıştır"
			       : "kullanımdan kaldırılmış bir 1.x öğesidir; 2.x şemasında yer almaz",
			    g1 ? "is deprecated in 1.x"
			       : "is a deprecated 1.x element; the 2.x schema does not contain it"));
			continue;
		}
		if (strcmp(name, "TCKN") == 0) {
			UY_TRY_OUT(metadata_text(&text, n));
			if (!uy_metadata__is_tckn(text)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_TCKN, n,
				    "TCKN '%s' geçerli bir T.C. kimlik numarası değil (11 hane, ilk hane sıfır olamaz, 10. ve 11. haneler denetim hanesidir)",
				    "TCKN '%s' is not a valid Turkish identity number (11 digits, no leading zero, digits 10 and 11 are check digits)",
				    text));
			}
			continue;
		}
		if (strcmp(name, "KKK") == 0 || strcmp(name, "BirimKKK") == 0) {
			UY_TRY_OUT(metadata_text(&text, n));
			switch (uy_metadata__kkk_form(text)) {
			case UY_KKK_DETSIS:
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_KKK_XSD, n,
				    "%s '%s' 8 haneli bir DETSİS kodu; XSD'deki ST_KKK deseni (14 onaltılık hane) buna uymuyor",
				    "%s '%s' is an 8-digit DETSİS code; the XSD's ST_KKK pattern (14 hex digits) does not match it",
				    name, text));
				break;
			case UY_KKK_LEGACY:
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_KKK_LEGACY, n,
				    "%s '%s' eski 14 haneli DTVT kodu; DETSİS kodu bekleniyor",
				    "%s '%s' is an old 14-digit DTVT code; a DETSİS code is expected", name,
				    text));
				break;
			case UY_KKK_INVALID:
			default:
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_KKK, n,
				    "%s '%s' ne 8 haneli DETSİS kodu ne de 14 haneli onaltılık DTVT kodu",
				    "%s '%s' is neither an 8-digit DETSİS code nor a 14-hex-digit DTVT code",
				    name, text));
				break;
			}
			continue;
		}
		if (strcmp(name, "TuzelSahis") == 0) {
			xmlNodePtr id = metadata_first(n, "Id");
			if (id == NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_TUZEL_SCHEME, n,
				    "TuzelSahis içinde Id yok", "TuzelSahis has no Id"));
				continue;
			}
			UY_TRY_OUT(metadata_text(&text, id));
			UY_TRY_OUT(metadata_attr(&scheme, id, "schemeID"));
			if (text[0] == '\0') {
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_TUZEL_SCHEME, id,
				    "TuzelSahis/Id boş", "TuzelSahis/Id is empty"));
			}
			/* *= spec §5
			 *# TuzelSahis schemeID | MERSIS, VBYS, DERBIS, PARBIS, SENBIS */
			if (scheme == NULL || !metadata_in(scheme, schemes)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_TUZEL_SCHEME, id,
				    "TuzelSahis/Id schemeID %s%s%.0s; MERSIS, VBYS, DERBIS, PARBIS veya SENBIS olmalı",
				    "TuzelSahis/Id schemeID %s%.0s%s; it must be MERSIS, VBYS, DERBIS, PARBIS or SENBIS",
				    scheme != NULL ? scheme : "", scheme != NULL ? "" : "yok",
				    scheme != NULL ? "" : "is absent"));
			}
			continue;
		}
		if (strcmp(name, "KepAdresi") == 0 && st->genbit == UY_MD_G2) {
			UY_TRY_OUT(metadata_text(&text, n));
			if (!uy_metadata__is_kep(text)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_PARTY_KEP, n,
				    "KepAdresi '%s' hs01.kep.tr ... hs08.kep.tr alan adlarından birinde geçerli bir adres değil",
				    "KepAdresi '%s' is not a valid address in one of the domains hs01.kep.tr ... hs08.kep.tr",
				    text));
			}
			continue;
		}
		if (strcmp(name, "OzId") == 0 && is_ustveri) {
			/* *= spec §6
			 *# OzId ⇒ non-empty schemeID (K.19). */
			UY_TRY_OUT(metadata_attr(&scheme, n, "schemeID"));
			if (scheme == NULL || scheme[0] == '\0') {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_OZID_SCHEME, n,
				    "OzId öğesinin schemeID özniteliği %s%.0s",
				    "OzId's schemeID attribute is %.0s%s",
				    scheme == NULL ? "yok" : "boş",
				    scheme == NULL ? "absent" : "empty"));
			}
			continue;
		}
	}
done:
	uy_free(text);
	uy_free(scheme);
	return rc;
}

/* Parse a metadata part unless the structure stage already did. */
static uy_err
metadata_parse(metadata_state *st, const uy_part *part, uy_check_id check, xmlDocPtr *doc)
{
	if (*doc != NULL) {
		return UY_OK;
	}
	return uy_rules__parse_xml(st->ctx, st->pkg, part, check, doc);
}

/* Root element {ns}local; *usable when its local name matches ignoring case
 * and it is in an e-Yazışma namespace, so the content rules can still run. */
static uy_err
metadata_root(metadata_state *st, const xmlNode *root, uy_check_id check, const char *ns,
    const char *local, int *usable)
{
	const char *have_ns = uy_xml_ns(root);

	*usable = metadata_is(root, NULL) && strcasecmp((const char *)root->name, local) == 0;
	if (uy_xml_is(root, ns, local)) {
		return uy_ctx_pass(st->ctx, check);
	}
	return metadata_fail(st, check, root, "Kök öğe {%s}%s; {%s}%s olmalı",
	    "The root element is {%s}%s; it must be {%s}%s", have_ns != NULL ? have_ns : "",
	    (const char *)root->name, ns, local);
}

/* ---- NihaiUstveri (2.x) --------------------------------------------------- */

static uy_err
metadata_nihaiustveri(metadata_state *st)
{
	uy_pkginfo *info = st->info;
	uy_err rc = UY_OK;
	xmlNodePtr root = NULL;
	xmlNodePtr node = NULL;
	xmlNodePtr imzalar = NULL;
	char *text = NULL;
	int usable = 0;
	size_t n = 0;

	if (info->nihaiustveri == NULL) {
		/* The count check (K.82) reports the absence. */
		st->part = NULL;
		UY_TRY_OUT(metadata_skip(st, UY_CK_NIHAIUSTVERI_MALFORMED,
		    "NihaiUstveri bölümü yok", "There is no NihaiUstveri part"));
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_NIHAI, "NihaiUstveri bölümü yok",
		    "There is no NihaiUstveri part"));
		goto done;
	}
	st->part = info->nihaiustveri->name;
	UY_TRY_OUT(metadata_parse(st, info->nihaiustveri, UY_CK_NIHAIUSTVERI_MALFORMED,
	    &info->nihaiustveri_doc));
	if (info->nihaiustveri_doc == NULL) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_NIHAI, "NihaiUstveri ayrıştırılamadı",
		    "NihaiUstveri could not be parsed"));
		goto done;
	}
	root = xmlDocGetRootElement(info->nihaiustveri_doc);
	UY_TRY_OUT(metadata_root(st, root, UY_CK_NIHAIUSTVERI_MALFORMED,
	    UY_NS_EY_PREFIX "NihaiUstveri-2", "NihaiUstVeri", &usable));
	if (!usable) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_NIHAI,
		    "NihaiUstveri kök öğesi tanınmadı",
		    "The NihaiUstveri root element was not recognised"));
		goto done;
	}
	/* *= spec §11
	 *# K.85 | NihaiUstveri parses, BelgeNo non-empty, ≥ 1 Imza | error | 2 */
	node = metadata_first(root, "BelgeNo");
	UY_TRY_OUT(metadata_text(&text, node));
	if (node == NULL || text[0] == '\0') {
		UY_TRY_OUT(metadata_fail(st, UY_CK_NIHAIUSTVERI_BELGENO, node != NULL ? node : root,
		    "NihaiUstveri/BelgeNo %s%.0s", "NihaiUstveri/BelgeNo is %.0s%s",
		    node == NULL ? "yok" : "boş", node == NULL ? "absent" : "empty"));
	}
	uy_free(text);
	text = NULL;
	imzalar = metadata_first(root, "BelgeImzalar");
	n = imzalar != NULL ? metadata_count(imzalar, "Imza") : 0;
	if (n == 0) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_NIHAIUSTVERI_IMZA,
		    imzalar != NULL ? imzalar : root, "NihaiUstveri/BelgeImzalar içinde Imza yok",
		    "NihaiUstveri/BelgeImzalar has no Imza"));
	}
	for (xmlNodePtr i = metadata_first(imzalar, "Imza"); i != NULL;
	     i = metadata_next(i, "Imza")) {
		if (metadata_first(i, "Imzalayan") == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_NIHAIUSTVERI_IMZA, i,
			    "Imza içinde Imzalayan yok", "Imza has no Imzalayan"));
		}
	}
	node = metadata_first(root, "Tarih");
	UY_TRY_OUT(metadata_text(&text, node));
	if (node == NULL) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_NIHAIUSTVERI_TARIH, root,
		    "NihaiUstveri/Tarih yok", "NihaiUstveri/Tarih is missing"));
	} else if (!uy_metadata__parse_datetime(text, &st->doc_date)) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_NIHAIUSTVERI_TARIH, node,
		    "Tarih '%s' geçerli bir xsd:dateTime değil", "Tarih '%s' is not a valid xsd:dateTime",
		    text));
	} else {
		st->has_doc_date = 1;
		st->doc_date_text = text;
		text = NULL; /* now owned by st */
	}
	UY_TRY_OUT(metadata_parties(st, root, 0));
	UY_TRY_OUT(metadata_pass_group(st, UY_MD_GRP_NIHAI));
done:
	uy_free(text);
	return rc;
}

/* ---- Ustveri -------------------------------------------------------------- */

/* Element namespaces, cardinalities, generation-specific elements, MimeTuru,
 * 1.x Tarih (spec §3.4, §4.3). */
static uy_err
metadata_ustveri_elements(metadata_state *st, xmlNodePtr root)
{
	static const char *const required[] = {"BelgeId", "Konu", "GuvenlikKodu", "DagitimListesi",
	    "Olusturan", "DosyaAdi", NULL};
	static const char *const required_1x[] = {"Tarih", "BelgeNo", NULL};
	static const char *const single[] = {"GuvenlikKoduGecerlilikTarihi", "MimeTuru", "OzId",
	    "Ekler", "Ilgiler", "Dil", "IlgiliListesi", "SdpBilgisi", "HeyskListesi",
	    "DogrulamaBilgisi", "Tarih", "BelgeNo", NULL};
	const char *tipler =
	    st->genbit == UY_MD_G1 ? UY_NS_EY_PREFIX "Tipler-1" : UY_NS_EY_PREFIX "Tipler-2";
	uy_err rc = UY_OK;
	char *text = NULL;
	xmlNodePtr node = NULL;

	for (xmlNodePtr c = uy_xml_first_element(root); c != NULL; c = uy_xml_next(c, NULL, NULL)) {
		const char *ns = uy_xml_ns(c);
		if (ns == NULL || strcmp(ns, tipler) != 0) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_ELEMENT_NS, c,
			    "%s öğesi '%s' ad alanında; '%s' olmalı",
			    "Element %s is in namespace '%s'; it must be in '%s'", (const char *)c->name,
			    ns != NULL ? ns : "", tipler));
		}
	}
	for (size_t pass = 0; pass < 2; pass++) {
		const char *const *list = pass == 0 ? required : required_1x;
		if (pass == 1 && st->genbit != UY_MD_G1) {
			break;
		}
		for (; *list != NULL; list++) {
			if (metadata_first(root, *list) == NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, root,
				    "Zorunlu %s öğesi yok", "The required element %s is missing",
				    *list));
			}
		}
	}
	for (size_t pass = 0; pass < 2; pass++) {
		const char *const *list = pass == 0 ? required : single;
		for (; *list != NULL; list++) {
			node = metadata_first(root, *list);
			if (node != NULL && metadata_next(node, *list) != NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED,
				    metadata_next(node, *list),
				    "%s öğesi %zu kez yazılmış; en çok bir kez olmalı",
				    "Element %s is written %zu times; it may occur once", *list,
				    metadata_count(root, *list)));
			}
		}
	}
	node = metadata_first(root, "Olusturan");
	if (node != NULL) {
		UY_TRY_OUT(metadata_party_choice(st, node, UY_CK_USTVERI_REQUIRED));
	}
	/* *= spec §3.4
	 *# Tarih, BelgeNo | in Ustveri (covered by PaketOzeti) | not in Ustveri
	 *# (CS flags them); in NihaiUstveri, added at signing */
	if (st->genbit == UY_MD_G2) {
		static const char *const forbidden[] = {"Tarih", "BelgeNo", NULL};
		for (const char *const *f = forbidden; *f != NULL; f++) {
			node = metadata_first(root, *f);
			if (node != NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_TARIH_BELGENO_2X, node,
				    "2.x Ustveri'de %s öğesi var; bu değer NihaiUstveri'ye yazılır",
				    "The 2.x Ustveri contains %s; this value belongs in NihaiUstveri", *f));
			}
		}
	}
	/* *= spec §6
	 *# MimeTuru present (XSD position 5; CS Kritik for the UstYazi MIME type). */
	node = metadata_first(root, "MimeTuru");
	UY_TRY_OUT(metadata_text(&text, node));
	if (node == NULL) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_MIMETURU, root,
		    "MimeTuru öğesi yok (şemada GuvenlikKodu'ndan sonra zorunlu)",
		    "The MimeTuru element is missing (required after GuvenlikKodu by the schema)"));
	} else if (!uy_metadata__is_mime(text)) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_MIMETURU, node,
		    "MimeTuru '%s' geçerli bir MIME türü değil", "MimeTuru '%s' is not a valid MIME type",
		    text));
	}
	uy_free(text);
	text = NULL;
	if (st->genbit == UY_MD_G1) {
		node = metadata_first(root, "Tarih");
		UY_TRY_OUT(metadata_text(&text, node));
		if (node == NULL) {
			UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_TARIH, "Tarih öğesi yok",
			    "There is no Tarih element"));
		} else if (!uy_metadata__parse_datetime(text, &st->doc_date)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_TARIH, node,
			    "Tarih '%s' geçerli bir xsd:dateTime değil",
			    "Tarih '%s' is not a valid xsd:dateTime", text));
		} else {
			st->has_doc_date = 1;
			st->doc_date_text = text;
			text = NULL; /* now owned by st */
		}
	}
done:
	uy_free(text);
	return rc;
}

/* Ekler/Ek into info->ek_entries and the lookup indexes. */
static uy_err
metadata_collect_ekler(metadata_state *st, xmlNodePtr root)
{
	uy_pkginfo *info = st->info;
	xmlNodePtr ekler = metadata_first(root, "Ekler");
	size_t n = ekler != NULL ? metadata_count(ekler, "Ek") : 0;
	size_t i = 0;
	char *text = NULL;
	uy_err rc = UY_OK;

	if (n == 0) {
		return UY_OK;
	}
	info->ek_entries = uy_calloc(n, sizeof(*info->ek_entries));
	st->ek_nodes = uy_calloc(n, sizeof(*st->ek_nodes));
	st->ek_by_id = uy_calloc(n, sizeof(*st->ek_by_id));
	st->ek_by_name = uy_calloc(n, sizeof(*st->ek_by_name));
	UY_ENSURE_OUT(info->ek_entries != NULL && st->ek_nodes != NULL && st->ek_by_id != NULL &&
	    st->ek_by_name != NULL, UY_ERR_NOMEM);
	/* Zeroed entries are safe to dispose at any point from here. */
	info->n_ek_entries = n;
	for (xmlNodePtr ek = metadata_first(ekler, "Ek"); ek != NULL && i < n;
	     ek = metadata_next(ek, "Ek"), i++) {
		uy_ek_entry *e = &info->ek_entries[i];
		xmlNodePtr imzali = metadata_first(ek, "ImzaliMi");
		st->ek_nodes[i] = ek;
		e->line = uy_xml_line(ek);
		e->imzali = -1;
		UY_TRY_OUT(metadata_attr(&e->id, metadata_first(ek, "Id"), "Value"));
		UY_TRY_OUT(metadata_text(&e->tur, metadata_first(ek, "Tur")));
		UY_TRY_OUT(metadata_text(&e->dosya_adi, metadata_first(ek, "DosyaAdi")));
		if (imzali != NULL) {
			UY_TRY_OUT(metadata_text(&text, imzali));
			e->imzali = metadata_parse_bool(text);
			uy_free(text);
			text = NULL;
		}
		if (e->id != NULL && e->id[0] != '\0') {
			st->ek_by_id[st->n_ek_by_id++] = e;
		}
		if (e->dosya_adi != NULL && e->dosya_adi[0] != '\0') {
			st->ek_by_name[st->n_ek_by_name++] = e;
		}
	}
	if (st->n_ek_by_id > 1) {
		qsort(st->ek_by_id, st->n_ek_by_id, sizeof(*st->ek_by_id), metadata_cmp_ek_id);
	}
	if (st->n_ek_by_name > 1) {
		qsort(st->ek_by_name, st->n_ek_by_name, sizeof(*st->ek_by_name),
		    metadata_cmp_ek_name);
	}
done:
	uy_free(text);
	return rc;
}

/* Ivedilik code list per generation (spec §5, §6). *gnl when GNL. */
static uy_err
metadata_ivedilik(metadata_state *st, const xmlNode *node, int *gnl)
{
	static const char *const ok_1x[] = {"NRM", "IVD", "GNL", NULL};
	static const char *const ok_2x[] = {"NRM", "ACL", "GNL", NULL};
	uy_err rc = UY_OK;
	char *v = NULL;

	UY_TRY_OUT(metadata_text(&v, node));
	*gnl = strcmp(v, "GNL") == 0;
	/* *= spec §6
	 *# CIV is obsolete since 1.2, IVD since 2.0 (CS flags both in any
	 *# generation): report CIV as ERROR from 1.2 on, IVD only in 2.x. */
	if (st->genbit == UY_MD_G1) {
		if (metadata_in(v, ok_1x) ||
		    (strcmp(v, "CIV") == 0 && st->minor >= 0 && st->minor < 2)) {
			goto done;
		}
		if (strcmp(v, "CIV") == 0) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_IVEDILIK, node,
			    "Ivedilik CIV (Çok İvedi) 1.2 sürümünden beri kullanılmıyor (Core version '%s')",
			    "Ivedilik CIV (very urgent) has not been used since 1.2 (Core version '%s')",
			    st->info->core_version != NULL ? st->info->core_version : "?"));
			goto done;
		}
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_IVEDILIK, node,
		    "Ivedilik '%s' 1.x kod listesinde yok (NRM, IVD, GNL)",
		    "Ivedilik '%s' is not in the 1.x code list (NRM, IVD, GNL)", v));
		goto done;
	}
	if (metadata_in(v, ok_2x)) {
		goto done;
	}
	if (strcmp(v, "IVD") == 0 || strcmp(v, "CIV") == 0) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_IVEDILIK, node,
		    "Ivedilik %s 2.x'te kaldırıldı; ivedi yazılar için ACL kullanılır",
		    "Ivedilik %s was removed in 2.x; urgent letters use ACL", v));
		goto done;
	}
	UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_IVEDILIK, node,
	    "Ivedilik '%s' 2.x kod listesinde yok (NRM, ACL, GNL)",
	    "Ivedilik '%s' is not in the 2.x code list (NRM, ACL, GNL)", v));
done:
	uy_free(v);
	return rc;
}

/* KonulmamisEkListesi of one Dagitim (2.x): non-empty (WARN), each EkId an
 * Ek (K.19); marks the entries left out. */
static uy_err
metadata_konulmamis(metadata_state *st, const xmlNode *list)
{
	uy_err rc = UY_OK;
	char *text = NULL;

	if (metadata_first(list, "KonulmamisEk") == NULL) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_KONULMAMIS_EMPTY, list,
		    "KonulmamisEkListesi boş", "KonulmamisEkListesi is empty"));
	}
	for (xmlNodePtr k = metadata_first(list, "KonulmamisEk"); k != NULL;
	     k = metadata_next(k, "KonulmamisEk")) {
		if (metadata_first(k, "EkId") == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, k,
			    "KonulmamisEk içinde EkId yok", "KonulmamisEk has no EkId"));
		}
		for (xmlNodePtr e = metadata_first(k, "EkId"); e != NULL;
		     e = metadata_next(e, "EkId")) {
			uy_ek_entry *ek = NULL;
			uy_free(text);
			UY_TRY_OUT(metadata_text(&text, e));
			ek = metadata_ek_by_id(st, text);
			if (ek == NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_KONULMAMIS_REF, e,
				    "KonulmamisEk/EkId '%s' hiçbir Ek'in kimliği değil",
				    "KonulmamisEk/EkId '%s' is not the Id of any Ek", text));
				continue;
			}
			ek->konulmamis = 1;
		}
	}
done:
	uy_free(text);
	return rc;
}

/* DagitimListesi (spec §4.4, §6). */
static uy_err
metadata_dagitim(metadata_state *st, xmlNodePtr root)
{
	static const char *const turler[] = {"GRG", "BLG", NULL};
	xmlNodePtr list = metadata_first(root, "DagitimListesi");
	uy_err rc = UY_OK;
	char *text = NULL;

	st->n_dagitim = list != NULL ? metadata_count(list, "Dagitim") : 0;
	/* *= spec §11
	 *# K.19 | Ustveri parses and is consistent: ≥ 1 Dagitim; [...] */
	if (st->n_dagitim == 0) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DAGITIM_COUNT,
		    list != NULL ? list : root, "DagitimListesi'nde Dagitim yok",
		    "DagitimListesi has no Dagitim"));
	}
	for (xmlNodePtr d = metadata_first(list, "Dagitim"); d != NULL;
	     d = metadata_next(d, "Dagitim")) {
		xmlNodePtr iv = metadata_first(d, "Ivedilik");
		xmlNodePtr tur = metadata_first(d, "DagitimTuru");
		xmlNodePtr miat = metadata_first(d, "Miat");
		xmlNodePtr kl = metadata_first(d, "KonulmamisEkListesi");
		int gnl = 0;

		UY_TRY_OUT(metadata_party_choice(st, d, UY_CK_USTVERI_REQUIRED));
		if (iv == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, d,
			    "Dagitim içinde Ivedilik yok", "Dagitim has no Ivedilik"));
		} else {
			UY_TRY_OUT(metadata_ivedilik(st, iv, &gnl));
		}
		if (tur == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, d,
			    "Dagitim içinde DagitimTuru yok", "Dagitim has no DagitimTuru"));
		} else {
			UY_TRY_OUT(metadata_text(&text, tur));
			if (!metadata_in(text, turler)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DAGITIM_TURU, tur,
				    "DagitimTuru '%s'; GRG veya BLG olmalı",
				    "DagitimTuru is '%s'; it must be GRG or BLG", text));
			}
			uy_free(text);
			text = NULL;
		}
		/* *= spec §6
		 *# Miat is xsd:duration (e.g. P1D), rejected otherwise by the
		 *# official v2 API, so 0 is invalid. */
		if (miat != NULL) {
			UY_TRY_OUT(metadata_text(&text, miat));
			if (!uy_metadata__is_duration(text)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_MIAT, miat,
				    "Miat '%s' geçerli bir xsd:duration değil (ör. P1D, PT12H)",
				    "Miat '%s' is not a valid xsd:duration (e.g. P1D, PT12H)", text));
			}
			uy_free(text);
			text = NULL;
		}
		/* *= spec §6
		 *# Ivedilik = GNL ⇒ Miat required (CS Kritik). */
		if (gnl && miat == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GNL_MIAT, d,
			    "Ivedilik GNL (Günlü) ama Miat yok", "Ivedilik is GNL (dated) but there is no Miat"));
		}
		if (kl != NULL && st->genbit == UY_MD_G2) {
			UY_TRY_OUT(metadata_konulmamis(st, kl));
		}
	}
done:
	uy_free(text);
	return rc;
}

/* SiraNo with its entry, for the uniqueness rule. */
typedef struct {
	int64_t value;
	size_t index;
} metadata_sirano;

static int
metadata_cmp_sirano(const void *a, const void *b)
{
	const metadata_sirano *x = a;
	const metadata_sirano *y = b;

	if (x->value != y->value) {
		return x->value < y->value ? -1 : 1;
	}
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Ek fields (spec §4.4, §6). */
static uy_err
metadata_ekler(metadata_state *st)
{
	static const char *const turler[] = {"DED", "HRF", "FZK", NULL};
	uy_pkginfo *info = st->info;
	metadata_sirano *sirano = NULL;
	size_t n_sirano = 0;
	char *text = NULL;
	uy_err rc = UY_OK;

	if (info->n_ek_entries == 0) {
		return UY_OK;
	}
	sirano = uy_calloc(info->n_ek_entries, sizeof(*sirano));
	UY_ENSURE_OUT(sirano != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < info->n_ek_entries; i++) {
		const uy_ek_entry *e = &info->ek_entries[i];
		const xmlNode *ek = st->ek_nodes[i];
		xmlNodePtr idn = metadata_first(ek, "Id");
		xmlNodePtr sn = metadata_first(ek, "SiraNo");
		xmlNodePtr imzali = metadata_first(ek, "ImzaliMi");
		int ded = e->tur != NULL && strcmp(e->tur, "DED") == 0;
		int64_t v = 0;

		if (idn == NULL || e->id == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, idn != NULL ? idn : ek,
			    "Ek içinde %s yok", "Ek has no %s", idn == NULL ? "Id" : "Id/@Value"));
		} else {
			UY_TRY_OUT(metadata_add_id(st, e->id, idn, "Ek/Id/@Value"));
		}
		if (e->tur == NULL) {
			UY_TRY_OUT(metadata_fail(
			    st, UY_CK_USTVERI_REQUIRED, ek, "Ek içinde Tur yok", "Ek has no Tur"));
		} else if (!metadata_in(e->tur, turler)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_TUR,
			    metadata_first(ek, "Tur"), "Ek/Tur '%s'; DED, HRF veya FZK olmalı",
			    "Ek/Tur is '%s'; it must be DED, HRF or FZK", e->tur));
		}
		if (sn == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, ek,
			    "Ek içinde SiraNo yok", "Ek has no SiraNo"));
		} else {
			UY_TRY_OUT(metadata_text(&text, sn));
			if (!metadata_parse_int(text, &v) || v < 1) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_SIRANO, sn,
				    "SiraNo '%s' 1 veya daha büyük bir tam sayı değil",
				    "SiraNo '%s' is not an integer of at least 1", text));
			} else {
				sirano[n_sirano].value = v;
				sirano[n_sirano].index = i;
				n_sirano++;
			}
			uy_free(text);
			text = NULL;
		}
		if (imzali != NULL && e->imzali < 0) {
			UY_TRY_OUT(metadata_text(&text, imzali));
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_IMZALI, imzali,
			    "ImzaliMi '%s' bir xsd:boolean değil (true, false, 1, 0)",
			    "ImzaliMi '%s' is not an xsd:boolean (true, false, 1, 0)", text));
			uy_free(text);
			text = NULL;
		}
		if (ded) {
			/* *= spec §6
			 *# DED ⇒ DosyaAdi, MimeTuru and a package part */
			xmlNodePtr mime = metadata_first(ek, "MimeTuru");
			if (e->dosya_adi == NULL || e->dosya_adi[0] == '\0') {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_DED_FIELDS, ek,
				    "DED türündeki ekin DosyaAdi öğesi %s%.0s",
				    "The DED attachment's DosyaAdi is %.0s%s",
				    e->dosya_adi == NULL ? "yok" : "boş",
				    e->dosya_adi == NULL ? "absent" : "empty"));
			}
			UY_TRY_OUT(metadata_text(&text, mime));
			if (mime == NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_DED_FIELDS, ek,
				    "DED türündeki ekin MimeTuru öğesi yok", "The DED attachment has no MimeTuru"));
			} else if (!uy_metadata__is_mime(text)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_DED_FIELDS, mime,
				    "MimeTuru '%s' geçerli bir MIME türü değil",
				    "MimeTuru '%s' is not a valid MIME type", text));
			}
			uy_free(text);
			text = NULL;
		}
		if (e->tur != NULL && strcmp(e->tur, "HRF") == 0) {
			/* *= spec §6
			 *# HRF ⇒ valid URI in Referans (K.19). */
			xmlNodePtr ref = metadata_first(ek, "Referans");
			UY_TRY_OUT(metadata_text(&text, ref));
			if (ref == NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_HRF_REFERANS, ek,
				    "HRF türündeki ekin Referans öğesi yok", "The HRF attachment has no Referans"));
			} else if (!uy_metadata__is_http_url(text)) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_HRF_REFERANS, ref,
				    "Referans '%s' geçerli bir http(s) adresi değil",
				    "Referans '%s' is not a valid http(s) address", text));
			}
			uy_free(text);
			text = NULL;
		}
		/* *= spec §6
		 *# HRF and FZK may not be ImzaliMi = true (CS). */
		if (e->imzali == 1 && e->tur != NULL &&
		    (strcmp(e->tur, "HRF") == 0 || strcmp(e->tur, "FZK") == 0)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_IMZALI, imzali,
			    "%s türündeki ek ImzaliMi true olarak işaretlenmiş",
			    "The %s attachment is marked ImzaliMi true", e->tur));
		}
	}
	/* *= spec §6
	 *# Ek: SiraNo ≥ 1 and unique. */
	if (n_sirano > 1) {
		qsort(sirano, n_sirano, sizeof(*sirano), metadata_cmp_sirano);
	}
	for (size_t i = 1; i < n_sirano; i++) {
		if (sirano[i].value == sirano[i - 1].value) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_EK_SIRANO,
			    metadata_first(st->ek_nodes[sirano[i].index], "SiraNo"),
			    "SiraNo %lld birden çok ekte kullanılmış", "SiraNo %lld is used by several attachments",
			    (long long)sirano[i].value));
		}
	}
done:
	uy_free(sirano);
	uy_free(text);
	return rc;
}

/* Strip the reference writers' relationship Id prefix (IdEk_, IdImzasizEk_). */
static const char *
metadata_rel_ek_id(const uy_rel *rel)
{
	if (rel == NULL || rel->id == NULL) {
		return NULL;
	}
	if (strncasecmp(rel->id, "IdEk_", 5) == 0) {
		return rel->id + 5;
	}
	if (strncasecmp(rel->id, "IdImzasizEk_", 12) == 0) {
		return rel->id + 12;
	}
	return NULL;
}

/* The Ek an attachment stands for: relationship Id IdEk_<Ek Id> first, else
 * DosyaAdi = the part's file name (spec §3.1; PHP). */
static uy_err
metadata_ek_of_attachment(metadata_state *st, const uy_attachment *a, uy_ek_entry **out)
{
	char *name = NULL;

	*out = metadata_ek_by_id(st, metadata_rel_ek_id(a->rel));
	if (*out != NULL || a->part == NULL) {
		return UY_OK;
	}
	name = metadata_file_name(a->part->name);
	UY_ENSURE(name != NULL, UY_ERR_NOMEM);
	*out = metadata_ek_find(st->ek_by_name, st->n_ek_by_name, name, 1);
	uy_free(name);
	return UY_OK;
}

/* K.23 (every DED Ek is a part) and K.24 (every attachment part is a DED Ek). */
static uy_err
metadata_attachments(metadata_state *st)
{
	uy_pkginfo *info = st->info;
	unsigned char *present = NULL;
	const char *ustveri = st->part;
	uy_err rc = UY_OK;

	present = uy_calloc(info->n_ek_entries + 1, 1);
	UY_ENSURE_OUT(present != NULL, UY_ERR_NOMEM);
	for (size_t list = 0; list < 2; list++) {
		const uy_attachment *atts = list == 0 ? info->ekler : info->imzasiz_ekler;
		size_t n = list == 0 ? info->n_ekler : info->n_imzasiz_ekler;
		for (size_t i = 0; i < n; i++) {
			const uy_attachment *a = &atts[i];
			const char *rel_id = a->rel != NULL && a->rel->id != NULL ? a->rel->id : "";
			uy_ek_entry *e = NULL;
			UY_TRY_OUT(metadata_ek_of_attachment(st, a, &e));
			if (a->part == NULL) {
				/* A dangling relationship is no part (eyp::rel::target-missing). */
				continue;
			}
			/* *= spec §11
			 *# K.24 | Every attachment part declared as a DED Ek | error */
			st->part = a->part->name;
			if (e == NULL) {
				rc = metadata_fail(st, UY_CK_USTVERI_EK_UNDECLARED, NULL,
				    "Ek bölümü %s (ilişki Id '%s') Ustveri/Ekler'de bir Ek olarak tanımlanmamış",
				    "Attachment part %s (relationship Id '%s') is not declared as an Ek in Ustveri/Ekler",
				    a->part->name, rel_id);
			} else if (e->tur == NULL || strcmp(e->tur, "DED") != 0) {
				rc = metadata_fail(st, UY_CK_USTVERI_EK_UNDECLARED, NULL,
				    "Ek bölümü %s, Ustveri'de '%s' türünde tanımlı (Ek Id '%s'); DED olmalı",
				    "Attachment part %s is declared in Ustveri with type '%s' (Ek Id '%s'); it must be DED",
				    a->part->name, e->tur != NULL ? e->tur : "",
				    e->id != NULL ? e->id : "");
			} else {
				present[e - info->ek_entries] = 1;
			}
			st->part = ustveri;
			UY_TRY_OUT(rc);
		}
	}
	/* *= spec §11
	 *# K.23 | Every DED Ek present as a part (warning if KonulmamisEk) */
	for (size_t i = 0; i < info->n_ek_entries; i++) {
		const uy_ek_entry *e = &info->ek_entries[i];
		if (present[i] || e->tur == NULL || strcmp(e->tur, "DED") != 0) {
			continue;
		}
		UY_TRY_OUT(metadata_fail(st,
		    e->konulmamis ? UY_CK_USTVERI_EK_DED_PART_KONULMAMIS
		                  : UY_CK_USTVERI_EK_DED_PART,
		    st->ek_nodes[i],
		    "DED türündeki Ek (Id '%s', DosyaAdi '%s') pakette bir ek bölümü olarak yok%s",
		    "The DED Ek (Id '%s', DosyaAdi '%s') is not in the package as an attachment part%s",
		    e->id != NULL ? e->id : "", e->dosya_adi != NULL ? e->dosya_adi : "",
		    e->konulmamis ? " (KonulmamisEkListesi)" : ""));
	}
done:
	st->part = ustveri;
	uy_free(present);
	return rc;
}

/* Ilgiler (spec §4.4, §6): Id, EkId (K.25), Etiket. */
static uy_err
metadata_ilgiler(metadata_state *st, xmlNodePtr root)
{
	xmlNodePtr list = metadata_first(root, "Ilgiler");
	uint32_t keys = 0;
	uy_buf seq;
	char *text = NULL;
	char *labels = NULL;
	uy_err rc = UY_OK;

	uy_buf_init(&seq, 256, 0);
	for (xmlNodePtr g = metadata_first(list, "Ilgi"); g != NULL; g = metadata_next(g, "Ilgi")) {
		xmlNodePtr idn = metadata_first(g, "Id");
		xmlNodePtr et = metadata_first(g, "Etiket");
		xmlNodePtr ekid = metadata_first(g, "EkId");
		int key = -1;

		UY_TRY_OUT(metadata_attr(&text, idn, "Value"));
		if (text == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, idn != NULL ? idn : g,
			    "Ilgi içinde %s yok", "Ilgi has no %s", idn == NULL ? "Id" : "Id/@Value"));
		} else {
			char *value = text;
			text = NULL; /* metadata_keep owns it from here, even on failure */
			UY_TRY_OUT(metadata_keep(st, value));
			UY_TRY_OUT(metadata_add_id(st, value, idn, "Ilgi/Id/@Value"));
		}
		if (et == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, g,
			    "Ilgi içinde Etiket yok", "Ilgi has no Etiket"));
		} else {
			UY_TRY_OUT(metadata_text(&text, et));
			key = uy_metadata__etiket_key(text);
			if (key < 0) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_ILGI_ETIKET, et,
				    "Etiket '%s' tek bir harf değil", "Etiket '%s' is not a single letter", text));
			} else if ((keys & (1u << key)) != 0) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_ILGI_ETIKET, et,
				    "Etiket '%s' birden çok ilgide kullanılmış",
				    "Etiket '%s' is used by several references", text));
			} else {
				keys |= 1u << key;
			}
			uy_free(text);
			text = NULL;
		}
		/* *= spec §6
		 *# Ilgi: EkId must reference an Ek (PHP K.25). */
		if (ekid != NULL) {
			UY_TRY_OUT(metadata_text(&text, ekid));
			if (metadata_ek_by_id(st, text) == NULL) {
				UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_ILGI_EKID, ekid,
				    "Ilgi/EkId '%s' hiçbir Ek'in kimliği değil",
				    "Ilgi/EkId '%s' is not the Id of any Ek", text));
			}
			uy_free(text);
			text = NULL;
		}
	}
	if (!uy_metadata__etiket_sequence_ok(keys)) {
		for (int k = 0; k < 32; k++) {
			if ((keys & (1u << k)) != 0) {
				UY_TRY_OUT(uy_buf_puts(&seq, metadata_key_letter[k]));
			}
		}
		labels = (char *)uy_buf_take(&seq, NULL);
		UY_ENSURE_OUT(labels != NULL, UY_ERR_NOMEM);
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_ILGI_ETIKET_SEQ, list,
		    "Etiketler '%s'; a'dan başlayıp Türk alfabesinde boşluksuz ilerlemeli",
		    "The labels are '%s'; they should start at a and follow the Turkish alphabet without gaps",
		    labels));
	}
done:
	uy_buf_dispose(&seq);
	uy_free(labels);
	uy_free(text);
	return rc;
}

/* A classified letter sent electronically. The level (FAIL) is the project's
 * decision on the 2017 e-Yazışma circular; the spec itself only says that
 * whether classified content must travel as .eyps is unknown (§12). */
static uy_err
metadata_classified(metadata_state *st, const xmlNode *gk, const char *v)
{
	/* Codes with a classification, and their meaning (spec §5). */
	static const char *const codes[][3] = {
		{"HZO", "Hizmete Özel", "restricted"},
		{"OZL", "Özel", "private"},
		{"GZL", "Gizli", "secret"},
		{"CGZ", "Çok Gizli", "top secret"},
		{"KSO", "Kişiye Özel", "personal"},
	};
	static const char *const open[] = {"YOK", "TSD", NULL};

	if (gk == NULL) {
		return metadata_skip(st, UY_CK_USTVERI_CLASSIFIED, "GuvenlikKodu öğesi yok",
		    "There is no GuvenlikKodu element");
	}
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (strcmp(v, codes[i][0]) == 0) {
			return metadata_fail(st, UY_CK_USTVERI_CLASSIFIED, gk,
			    "GuvenlikKodu %s (%s%.0s): yazışma gizlilik dereceli",
			    "GuvenlikKodu %s (%.0s%s): the letter is classified",
			    codes[i][0], codes[i][1], codes[i][2]);
		}
	}
	if (metadata_in(v, open)) {
		return UY_OK;
	}
	return metadata_skip(st, UY_CK_USTVERI_CLASSIFIED,
	    "GuvenlikKodu tanınmadığı için gizlilik derecesi belirlenemedi",
	    "The classification cannot be told because GuvenlikKodu is not recognised");
}

/* GuvenlikKodu, classification, GuvenlikKoduGecerlilikTarihi (spec §5, §6, §12). */
static uy_err
metadata_guvenlik(metadata_state *st, xmlNodePtr root)
{
	static const char *const ok_1x[] = {"TSD", "HZO", "OZL", "GZL", "CGZ", "KSO", NULL};
	static const char *const ok_2x[] = {"YOK", "HZO", "GZL", "CGZ", NULL};
	xmlNodePtr gk = metadata_first(root, "GuvenlikKodu");
	xmlNodePtr gt = metadata_first(root, "GuvenlikKoduGecerlilikTarihi");
	uy_datetime until = {0, 0, 0};
	char *v = NULL;
	uy_err rc = UY_OK;

	if (gk == NULL) {
		UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_GUVENLIK_KODU, "GuvenlikKodu öğesi yok",
		    "There is no GuvenlikKodu element"));
		UY_TRY_OUT(metadata_classified(st, gk, NULL));
	} else {
		UY_TRY_OUT(metadata_text(&v, gk));
		if (st->genbit == UY_MD_G1 && !metadata_in(v, ok_1x)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GUVENLIK_KODU, gk,
			    "GuvenlikKodu '%s' 1.x kod listesinde yok (TSD, HZO, OZL, GZL, CGZ, KSO)%s%.0s",
			    "GuvenlikKodu '%s' is not in the 1.x code list (TSD, HZO, OZL, GZL, CGZ, KSO)%.0s%s",
			    v,
			    strcmp(v, "YOK") == 0 ? "; YOK 2.x kodudur, 1.x'te TSD kullanılır" : "",
			    strcmp(v, "YOK") == 0 ? "; YOK is a 2.x code, 1.x uses TSD" : ""));
		}
		if (st->genbit == UY_MD_G2 && strcmp(v, "OZL") == 0) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GUVENLIK_KODU, gk,
			    "GuvenlikKodu OZL (Özel) resmî 2.x API'de kaldırılmıştır (\"Özel güvenlik kodu kaldırılmıştır\")",
			    "GuvenlikKodu OZL (private) was removed by the official 2.x API (\"Özel güvenlik kodu kaldırılmıştır\")"));
		} else if (st->genbit == UY_MD_G2 &&
		    (strcmp(v, "TSD") == 0 || strcmp(v, "KSO") == 0)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GUVENLIK_KODU, gk,
			    "GuvenlikKodu %s yalnızca 1.x kodudur; 2.x'te %s",
			    "GuvenlikKodu %s is a 1.x code only; in 2.x %s", v,
			    strcmp(v, "TSD") == 0 ? "YOK" : "HZO/GZL/CGZ"));
		} else if (st->genbit == UY_MD_G2 && !metadata_in(v, ok_2x)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GUVENLIK_KODU, gk,
			    "GuvenlikKodu '%s' 2.x kod listesinde yok (YOK, HZO, GZL, CGZ)",
			    "GuvenlikKodu '%s' is not in the 2.x code list (YOK, HZO, GZL, CGZ)", v));
		}
		UY_TRY_OUT(metadata_classified(st, gk, v));
	}
	if (gt == NULL || metadata_is_nil(gt)) {
		/* Optional and nillable: no end of validity, nothing to compare.
		 * A nilled element has no content (whitespace is tolerated). */
		if (gt != NULL) {
			uy_free(v);
			UY_TRY_OUT(metadata_text(&v, gt));
		}
		if (gt != NULL && (v[0] != '\0' || uy_xml_first_element(gt) != NULL)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GECERLILIK, gt,
			    "xsi:nil=\"true\" olan öğenin içeriği olmamalı",
			    "An element with xsi:nil=\"true\" must have no content"));
		}
		goto done;
	}
	uy_free(v);
	UY_TRY_OUT(metadata_text(&v, gt));
	if (!uy_metadata__parse_datetime(v, &until)) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GECERLILIK, gt,
		    "GuvenlikKoduGecerlilikTarihi '%s' geçerli bir xsd:dateTime değil",
		    "GuvenlikKoduGecerlilikTarihi '%s' is not a valid xsd:dateTime", v));
		UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_GECERLILIK_ORDER,
		    "GuvenlikKoduGecerlilikTarihi geçersiz", "GuvenlikKoduGecerlilikTarihi is invalid"));
		goto done;
	}
	/* *= spec §6
	 *# GuvenlikKoduGecerlilikTarihi ≥ Tarih (CS; 2.x: NihaiUstveri/Tarih
	 *# (inferred)). */
	if (!st->has_doc_date) {
		UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_GECERLILIK_ORDER,
		    st->genbit == UY_MD_G1 ? "Ustveri/Tarih okunamadı"
		                           : "NihaiUstveri/Tarih okunamadı",
		    st->genbit == UY_MD_G1 ? "Ustveri/Tarih could not be read"
		                           : "NihaiUstveri/Tarih could not be read"));
		goto done;
	}
	if (uy_metadata__datetime_cmp(&until, &st->doc_date) < 0) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_GECERLILIK_ORDER, gt,
		    "GuvenlikKoduGecerlilikTarihi %s, belge tarihinden (%s) önce",
		    "GuvenlikKoduGecerlilikTarihi %s is before the document date (%s)", v,
		    st->doc_date_text));
	}
done:
	uy_free(v);
	return rc;
}

/* 2.x only: DogrulamaBilgisi (K.19), SdpBilgisi, HeyskListesi (spec §6). */
static uy_err
metadata_ustveri_2x(metadata_state *st, xmlNodePtr root)
{
	xmlNodePtr db = metadata_first(root, "DogrulamaBilgisi");
	xmlNodePtr da = metadata_first(db, "DogrulamaAdresi");
	xmlNodePtr sdp = metadata_first(root, "SdpBilgisi");
	xmlNodePtr heysk = metadata_first(root, "HeyskListesi");
	char *text = NULL;
	uy_err rc = UY_OK;

	/* *= spec §6
	 *# 2.x only: DogrulamaAdresi present and a valid http(s) URL (PHP K.19;
	 *# CS Kritik if empty, Onemli if malformed) */
	UY_TRY_OUT(metadata_text(&text, da));
	if (db == NULL || da == NULL) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DOGRULAMA, db != NULL ? db : root,
		    "%s öğesi yok", "There is no %s element",
		    db == NULL ? "DogrulamaBilgisi" : "DogrulamaAdresi"));
	} else if (text[0] == '\0') {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DOGRULAMA, da, "DogrulamaAdresi boş",
		    "DogrulamaAdresi is empty"));
	} else if (!uy_metadata__is_http_url(text)) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DOGRULAMA, da,
		    "DogrulamaAdresi '%s' geçerli bir http(s) adresi değil",
		    "DogrulamaAdresi '%s' is not a valid http(s) address", text));
	}
	uy_free(text);
	text = NULL;
	/* *= spec §6
	 *# SDP Kod: ^\d{3}(\.\d\d){0,3}$ (CS DogrulaSdpKod) */
	for (xmlNodePtr n = uy_xml_first_element(sdp); n != NULL; n = metadata_walk_next(n, sdp)) {
		if (!metadata_is(n, "Kod")) {
			continue;
		}
		UY_TRY_OUT(metadata_text(&text, n));
		if (!uy_metadata__is_sdp_kod(text)) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_SDP_KOD, n,
			    "SDP Kod '%s' ddd(.dd){0,3} biçiminde değil (ör. 702.03)",
			    "SDP Kod '%s' does not have the form ddd(.dd){0,3} (e.g. 702.03)", text));
		}
		uy_free(text);
		text = NULL;
	}
	/* *= spec §6
	 *# Heysk Kod > 0. */
	for (xmlNodePtr h = metadata_first(heysk, "Heysk"); h != NULL;
	     h = metadata_next(h, "Heysk")) {
		xmlNodePtr kod = metadata_first(h, "Kod");
		int64_t v = 0;
		if (kod == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_REQUIRED, h,
			    "Heysk içinde Kod yok", "Heysk has no Kod"));
			continue;
		}
		UY_TRY_OUT(metadata_text(&text, kod));
		if (!metadata_parse_int(text, &v) || v <= 0) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_HEYSK_KOD, kod,
			    "Heysk/Kod '%s' pozitif bir tam sayı değil", "Heysk/Kod '%s' is not a positive integer",
			    text));
		}
		uy_free(text);
		text = NULL;
	}
done:
	uy_free(text);
	return rc;
}

/* DosyaAdi = UstYazi file name (PHP, WARNING without number; spec §6). */
static uy_err
metadata_dosya_adi(metadata_state *st, xmlNodePtr root)
{
	xmlNodePtr node = metadata_first(root, "DosyaAdi");
	char *text = NULL;
	char *name = NULL;
	uy_err rc = UY_OK;

	if (st->info->ustyazi == NULL) {
		UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_DOSYA_ADI, "UstYazi bölümü yok",
		    "There is no UstYazi part"));
		goto done;
	}
	if (node == NULL) {
		UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_DOSYA_ADI, "DosyaAdi öğesi yok",
		    "There is no DosyaAdi element"));
		goto done;
	}
	UY_TRY_OUT(metadata_text(&text, node));
	name = metadata_file_name(st->info->ustyazi->name);
	UY_ENSURE_OUT(name != NULL, UY_ERR_NOMEM);
	/* Part names compare case-insensitively (ECMA-376-2 §9.1.1.2). */
	if (strcasecmp(text, name) != 0) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_USTVERI_DOSYA_ADI, node,
		    "DosyaAdi '%s', üst yazı bölümünün adı ise '%s'",
		    "DosyaAdi is '%s' but the cover letter part is named '%s'", text, name));
	}
done:
	uy_free(text);
	uy_free(name);
	return rc;
}

static uy_err
metadata_skip_ustveri(metadata_state *st, const char *why_tr, const char *why_en)
{
	UY_TRY(metadata_skip_group(st, UY_MD_GRP_USTVERI, why_tr, why_en));
	UY_TRY(metadata_skip_group(st, UY_MD_GRP_USTYAZI, why_tr, why_en));
	return metadata_skip_group(st, UY_MD_GRP_PARTY, why_tr, why_en);
}

static uy_err
metadata_ustveri(metadata_state *st)
{
	uy_pkginfo *info = st->info;
	xmlNodePtr root = NULL;
	int usable = 0;
	uy_err rc = UY_OK;

	if (info->ustveri == NULL) {
		/* The count check (K.16) reports the absence. */
		st->part = NULL;
		UY_TRY_OUT(metadata_skip(st, UY_CK_USTVERI_MALFORMED, "Ustveri bölümü yok",
		    "There is no Ustveri part"));
		UY_TRY_OUT(metadata_skip_ustveri(st, "Ustveri bölümü yok",
		    "There is no Ustveri part"));
		goto done;
	}
	st->part = info->ustveri->name;
	if (info->ustveri_doc == NULL) {
		/* The structure stage recorded why (UY_CK_USTVERI_MALFORMED). */
		UY_TRY_OUT(metadata_skip_ustveri(
		    st, "Ustveri ayrıştırılamadı", "Ustveri could not be parsed"));
		goto done;
	}
	root = xmlDocGetRootElement(info->ustveri_doc);
	/* *= spec §4.1
	 *# Ustveri | Ustveri {Ustveri-1} | UstVeri {Ustveri-2} */
	UY_TRY_OUT(metadata_root(st, root, UY_CK_USTVERI_MALFORMED,
	    st->genbit == UY_MD_G1 ? UY_NS_EY_PREFIX "Ustveri-1" : UY_NS_EY_PREFIX "Ustveri-2",
	    st->genbit == UY_MD_G1 ? "Ustveri" : "UstVeri", &usable));
	if (!usable) {
		UY_TRY_OUT(metadata_skip_ustveri(st, "Ustveri kök öğesi tanınmadı",
		    "The Ustveri root element was not recognised"));
		goto done;
	}
	st->belge_id_node = metadata_first(root, "BelgeId");
	uy_free(info->belge_id);
	uy_free(info->konu);
	UY_TRY_OUT(metadata_text(&info->belge_id, st->belge_id_node));
	UY_TRY_OUT(metadata_text(&info->konu, metadata_first(root, "Konu")));
	if (info->belge_id != NULL) {
		UY_TRY_OUT(metadata_add_id(st, info->belge_id, st->belge_id_node, "BelgeId"));
	}
	UY_TRY_OUT(metadata_ustveri_elements(st, root));
	UY_TRY_OUT(metadata_collect_ekler(st, root));
	UY_TRY_OUT(metadata_dagitim(st, root));
	UY_TRY_OUT(metadata_ekler(st));
	UY_TRY_OUT(metadata_attachments(st));
	UY_TRY_OUT(metadata_ilgiler(st, root));
	UY_TRY_OUT(metadata_check_ids(st));
	UY_TRY_OUT(metadata_guvenlik(st, root));
	if (st->genbit == UY_MD_G2) {
		UY_TRY_OUT(metadata_ustveri_2x(st, root));
	}
	UY_TRY_OUT(metadata_dosya_adi(st, root));
	UY_TRY_OUT(metadata_parties(st, root, 1));
	st->ustveri_ok = 1;
	UY_TRY_OUT(metadata_pass_group(st, UY_MD_GRP_USTVERI));
	UY_TRY_OUT(metadata_pass_group(st, UY_MD_GRP_USTYAZI));
done:
	return rc;
}

/* ---- BelgeHedef, BelgeImza -------------------------------------------------- */

static uy_err
metadata_belgehedef(metadata_state *st)
{
	uy_pkginfo *info = st->info;
	xmlNodePtr root = NULL;
	xmlNodePtr list = NULL;
	size_t n = 0;
	int usable = 0;
	uy_err rc = UY_OK;

	if (info->belgehedef == NULL) {
		/* Required in 1.x (the count check reports it); optional in a 2.x .eyps. */
		if (st->genbit == UY_MD_G1) {
			st->part = NULL;
			UY_TRY_OUT(metadata_skip(st, UY_CK_BELGEHEDEF_MALFORMED,
			    "BelgeHedef bölümü yok", "There is no BelgeHedef part"));
			UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF, "BelgeHedef bölümü yok",
			    "There is no BelgeHedef part"));
			if (info->kind != UY_KIND_EYPS) {
				UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF_X,
				    "BelgeHedef bölümü yok", "There is no BelgeHedef part"));
			}
		}
		goto done;
	}
	st->part = info->belgehedef->name;
	UY_TRY_OUT(metadata_parse(
	    st, info->belgehedef, UY_CK_BELGEHEDEF_MALFORMED, &info->belgehedef_doc));
	if (info->belgehedef_doc == NULL) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF, "BelgeHedef ayrıştırılamadı",
		    "BelgeHedef could not be parsed"));
		if (info->kind != UY_KIND_EYPS) {
			UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF_X,
			    "BelgeHedef ayrıştırılamadı", "BelgeHedef could not be parsed"));
		}
		goto done;
	}
	root = xmlDocGetRootElement(info->belgehedef_doc);
	UY_TRY_OUT(metadata_root(st, root, UY_CK_BELGEHEDEF_MALFORMED,
	    st->genbit == UY_MD_G1 ? UY_NS_EY_PREFIX "BelgeHedef-1"
	                           : UY_NS_EY_PREFIX "BelgeHedef-2",
	    "BelgeHedef", &usable));
	if (!usable) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF,
		    "BelgeHedef kök öğesi tanınmadı",
		    "The BelgeHedef root element was not recognised"));
		if (info->kind != UY_KIND_EYPS) {
			UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF_X,
			    "BelgeHedef kök öğesi tanınmadı",
			    "The BelgeHedef root element was not recognised"));
		}
		goto done;
	}
	list = metadata_first(root, "HedefListesi");
	n = list != NULL ? metadata_count(list, "Hedef") : 0;
	if (n == 0) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_BELGEHEDEF_HEDEF, list != NULL ? list : root,
		    "BelgeHedef/HedefListesi içinde Hedef yok", "BelgeHedef/HedefListesi has no Hedef"));
	}
	for (xmlNodePtr h = metadata_first(list, "Hedef"); h != NULL;
	     h = metadata_next(h, "Hedef")) {
		UY_TRY_OUT(metadata_party_choice(st, h, UY_CK_BELGEHEDEF_HEDEF));
	}
	UY_TRY_OUT(metadata_parties(st, root, 0));
	UY_TRY_OUT(metadata_pass_group(st, UY_MD_GRP_HEDEF));
	if (info->kind == UY_KIND_EYPS) {
		goto done; /* no Ustveri outside the encrypted content */
	}
	if (!st->ustveri_ok) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_HEDEF_X, "Ustveri okunamadı",
		    "Ustveri could not be read"));
		goto done;
	}
	if (n < st->n_dagitim) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_BELGEHEDEF_SUBSET, list,
		    "BelgeHedef %zu alıcı, Ustveri/DagitimListesi %zu alıcı listeliyor",
		    "BelgeHedef lists %zu recipients, Ustveri/DagitimListesi %zu", n, st->n_dagitim));
	}
	UY_TRY_OUT(metadata_pass_group(st, UY_MD_GRP_HEDEF_X));
done:
	return rc;
}

static uy_err
metadata_belgeimza(metadata_state *st)
{
	uy_pkginfo *info = st->info;
	xmlNodePtr root = NULL;
	xmlNodePtr list = NULL;
	int usable = 0;
	uy_err rc = UY_OK;

	if (info->belgeimza == NULL) {
		goto done; /* optional in 1.x */
	}
	st->part = info->belgeimza->name;
	UY_TRY_OUT(metadata_parse(st, info->belgeimza, UY_CK_BELGEIMZA_MALFORMED,
	    &info->belgeimza_doc));
	if (info->belgeimza_doc == NULL) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_IMZA, "BelgeImza ayrıştırılamadı",
		    "BelgeImza could not be parsed"));
		goto done;
	}
	root = xmlDocGetRootElement(info->belgeimza_doc);
	UY_TRY_OUT(metadata_root(st, root, UY_CK_BELGEIMZA_MALFORMED, UY_NS_EY_PREFIX "BelgeImza-1",
	    "BelgeImza", &usable));
	if (!usable) {
		UY_TRY_OUT(metadata_skip_group(st, UY_MD_GRP_IMZA, "BelgeImza kök öğesi tanınmadı",
		    "The BelgeImza root element was not recognised"));
		goto done;
	}
	list = metadata_first(root, "ImzaListesi");
	if (metadata_first(list, "Imza") == NULL) {
		UY_TRY_OUT(metadata_fail(st, UY_CK_BELGEIMZA_IMZA, list != NULL ? list : root,
		    "BelgeImza/ImzaListesi içinde Imza yok", "BelgeImza/ImzaListesi has no Imza"));
	}
	for (xmlNodePtr i = metadata_first(list, "Imza"); i != NULL; i = metadata_next(i, "Imza")) {
		if (metadata_first(i, "Imzalayan") == NULL) {
			UY_TRY_OUT(metadata_fail(st, UY_CK_BELGEIMZA_IMZA, i,
			    "Imza içinde Imzalayan yok", "Imza has no Imzalayan"));
		}
	}
	UY_TRY_OUT(metadata_parties(st, root, 0));
	UY_TRY_OUT(metadata_pass_group(st, UY_MD_GRP_IMZA));
done:
	return rc;
}

static void
metadata_state_dispose(metadata_state *st)
{
	for (size_t i = 0; i < st->n_owned; i++) {
		uy_free(st->owned[i]);
	}
	uy_free(st->owned);
	uy_free(st->ids);
	uy_free(st->ek_nodes);
	uy_free(st->ek_by_id);
	uy_free(st->ek_by_name);
	uy_free(st->doc_date_text);
	uy_free(st->tally);
	memset(st, 0, sizeof(*st));
}

/* see rules.h */
uy_err
uy_rules__metadata(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	metadata_state st;
	uy_err rc = UY_OK;

	memset(&st, 0, sizeof(st));
	st.ctx = ctx;
	st.pkg = pkg;
	st.info = info;
	/* The structure stage settles the generation (2.x rules when unknown). */
	st.genbit = info->gen == UY_GEN_1 ? UY_MD_G1 : UY_MD_G2;
	st.minor = metadata_minor(info->core_version);
	switch (info->kind) {
	case UY_KIND_EYPG:
		/* No Ustveri outside the original package (spec §10). */
		goto done;
	case UY_KIND_EYPS:
		/* Only BelgeHedef outside the encrypted content (spec §3.3, §9). */
		UY_TRY_OUT(metadata_belgehedef(&st));
		break;
	case UY_KIND_EYP:
	case UY_KIND_UNKNOWN:
	default:
		if (st.genbit == UY_MD_G2) {
			UY_TRY_OUT(metadata_nihaiustveri(&st));
		}
		UY_TRY_OUT(metadata_ustveri(&st));
		if (st.genbit == UY_MD_G1) {
			UY_TRY_OUT(metadata_belgehedef(&st));
			UY_TRY_OUT(metadata_belgeimza(&st));
		}
		break;
	}
	if (st.parties_read) {
		UY_TRY_OUT(metadata_pass_group(&st, UY_MD_GRP_PARTY));
	}
	UY_TRY_OUT(metadata_flush_tally(&st));
done:
	metadata_state_dispose(&st);
	return rc;
}
