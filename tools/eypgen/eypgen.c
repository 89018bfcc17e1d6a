/*
 * eypgen.c - the e-Yazışma package producer: description, XML parts, summaries, signatures,
 * ZIP writing (uy_eypgen.h).
 */
#include "uy_eypgen.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <openssl/evp.h>
#include <zip.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_xml.h"

#define EG_BOM "\xEF\xBB\xBF"
#define EG_XMLDECL EG_BOM "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
#define EG_NL "\r\n"
#define EG_REL "http://eyazisma.dpt/iliskiler/"
#define EG_REL_CORE "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define EG_NS_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define EG_NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define EG_DAHILI "http://eyazisma.dpt/bilesen#dahili"
#define EG_ALG_SHA256 "http://www.w3.org/2001/04/xmlenc#sha256"
#define EG_ALG_SHA384 "http://www.w3.org/2001/04/xmldsig-more#sha384"
#define EG_ALG_SHA512 "http://www.w3.org/2001/04/xmlenc#sha512"
#define EG_TIPLER2 "urn:dpt:eyazisma:schema:xsd:Tipler-2"
#define EG_TIPLER1 "urn:dpt:eyazisma:schema:xsd:Tipler-1"
/* Cap of one generated XML part. */
#define EG_MAX_PART ((size_t)4 << 20)
/* Most entries of a package. */
#define EG_MAX_ENTRIES (UY_EYPGEN_MAX_ITEMS + 24u)

/* One party of the distribution list: a person (TCKN) or an institution (KKK). */
typedef struct {
	char *tur;      /* DagitimTuru: GRG, BLG */
	char *ivedilik; /* NRM ... */
	char *miat;     /* ISO 8601 duration */
	char *tckn;     /* person; NULL for an institution */
	char *ilk_adi;
	char *soyadi;
	char *kkk;      /* institution */
	char *adi;
} eg_party;

/* One signed attachment. */
typedef struct {
	char *id;     /* uppercase GUID */
	char *dosya;  /* file name under /Ekler/ */
	char *ad;
	char *mime;
	uint8_t *data;
	size_t len;
} eg_ek;

struct uy_eypgen_desc {
	int generation;
	char *belge_id;
	char *konu;
	int64_t time;
	char *belge_no;
	char *guvenlik;
	char *dogrulama;
	char *ustyazi;      /* file name */
	char *ustyazi_mime;
	uint8_t *ustyazi_data;
	size_t ustyazi_len;
	char *ol_kkk;
	char *ol_adi;
	char *im_ilk;       /* signer shown in NihaiUstveri / BelgeImza */
	char *im_soyadi;
	eg_party party[UY_EYPGEN_MAX_ITEMS];
	size_t n_party;
	eg_ek ek[UY_EYPGEN_MAX_ITEMS];
	size_t n_ek;
};

/* ---- entry list ---------------------------------------------------------------------- */

typedef struct {
	char *name;    /* ZIP entry name, no leading '/' */
	uint8_t *data; /* owned */
	size_t len;
	int stored;
} eg_entry;

typedef struct {
	eg_entry e[EG_MAX_ENTRIES];
	size_t n;
} eg_pkg;

static void
eg_pkg_dispose(eg_pkg *p)
{
	for (size_t i = 0; i < p->n; i++) {
		uy_free(p->e[i].name);
		uy_free(p->e[i].data);
	}
	p->n = 0;
}

/* Add an entry taking data (uy_alloc'd); data is released on failure too. */
static uy_err
eg_add_take(eg_pkg *p, const char *name, uint8_t *data, size_t len, int stored)
{
	char *nm = NULL;

	if (p->n >= EG_MAX_ENTRIES) {
		uy_free(data);
		return UY_ERROR(UY_ERR_LIMIT, "too many entries");
	}
	nm = uy_strdup(name);
	if (nm == NULL) {
		uy_free(data);
		return UY_ERR_NOMEM;
	}
	p->e[p->n].name = nm;
	p->e[p->n].data = data;
	p->e[p->n].len = len;
	p->e[p->n].stored = stored;
	p->n++;
	return UY_OK;
}

static uy_err
eg_add_copy(eg_pkg *p, const char *name, const void *data, size_t len, int stored)
{
	uint8_t *d = uy_alloc(len > 0 ? len : 1);

	if (d == NULL) {
		return UY_ERR_NOMEM;
	}
	if (len > 0) {
		memcpy(d, data, len);
	}
	return eg_add_take(p, name, d, len, stored);
}

/* Add a buffer's bytes as an entry; the buffer is emptied. */
static uy_err
eg_add_buf(eg_pkg *p, const char *name, uy_buf *b, int stored)
{
	size_t len = 0;
	uint8_t *d = uy_buf_take(b, &len);

	if (d == NULL) {
		return UY_ERR_NOMEM;
	}
	return eg_add_take(p, name, d, len, stored);
}

static const eg_entry *
eg_find(const eg_pkg *p, const char *part)
{
	const char *n = part[0] == '/' ? part + 1 : part;

	for (size_t i = 0; i < p->n; i++) {
		if (strcmp(p->e[i].name, n) == 0) {
			return &p->e[i];
		}
	}
	return NULL;
}

/* DOS date and time of the UTC fields of t (ZIP stores local fields; we store UTC ones). */
static void
eg_dostime(int64_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	time_t tt = (time_t)t;
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (gmtime_r(&tt, &tm) == NULL || tm.tm_year < 80) {
		tm.tm_year = 80;
		tm.tm_mon = 0;
		tm.tm_mday = 1;
		tm.tm_hour = 0;
		tm.tm_min = 0;
		tm.tm_sec = 0;
	}
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* Write the entries in order with libzip; every mtime = t. */
static uy_err
eg_write_zip(const eg_pkg *p, const char *path, int64_t t)
{
	uy_err rc = UY_OK;
	int zerr = 0;
	zip_t *za = NULL;
	zip_uint16_t dtime = 0;
	zip_uint16_t ddate = 0;

	eg_dostime(t, &dtime, &ddate);
	(void)unlink(path);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (za == NULL) {
		return UY_ERROR(UY_ERR_IO, "cannot create %s (libzip error %d)", path, zerr);
	}
	for (size_t i = 0; i < p->n; i++) {
		const eg_entry *e = &p->e[i];
		zip_source_t *src = zip_source_buffer(za, e->data, e->len, 0);
		zip_int64_t idx = -1;

		UY_ENSURE_OUT(src != NULL, UY_ERR_NOMEM);
		idx = zip_file_add(za, e->name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			rc = UY_ERROR(UY_ERR_IO, "libzip: %s", zip_strerror(za));
			goto done;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		        e->stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) != 0 ||
		    zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) != 0) {
			rc = UY_ERROR(UY_ERR_IO, "libzip: %s", zip_strerror(za));
			goto done;
		}
	}
	if (zip_close(za) != 0) {
		rc = UY_ERROR(UY_ERR_IO, "cannot write %s: %s", path, zip_strerror(za));
		goto done;
	}
	za = NULL;
done:
	if (za != NULL) {
		zip_discard(za);
	}
	return rc;
}

/* ---- small text helpers ----------------------------------------------------------------- */

/* Append s with &, <, >, " escaped. */
static uy_err
eg_esc(uy_buf *b, const char *s)
{
	for (const char *c = s; *c != '\0'; c++) {
		const char *r = NULL;

		switch (*c) {
		case '&':
			r = "&amp;";
			break;
		case '<':
			r = "&lt;";
			break;
		case '>':
			r = "&gt;";
			break;
		case '"':
			r = "&quot;";
			break;
		default:
			break;
		}
		if (r != NULL) {
			UY_TRY(uy_buf_puts(b, r));
		} else {
			UY_TRY(uy_buf_append(b, c, 1));
		}
	}
	return UY_OK;
}

/* Append <tag>escaped text</tag> with an indent. */
static uy_err
eg_el(uy_buf *b, int indent, const char *tag, const char *text)
{
	for (int i = 0; i < indent; i++) {
		UY_TRY(uy_buf_puts(b, "  "));
	}
	UY_TRY(uy_buf_printf(b, "<%s>", tag));
	UY_TRY(eg_esc(b, text));
	return uy_buf_printf(b, "</%s>" EG_NL, tag);
}

static uy_err
eg_line(uy_buf *b, int indent, const char *s)
{
	for (int i = 0; i < indent; i++) {
		UY_TRY(uy_buf_puts(b, "  "));
	}
	UY_TRY(uy_buf_puts(b, s));
	return uy_buf_puts(b, EG_NL);
}

/* "YYYY-MM-DDTHH:MM:SSZ" of t. */
static void
eg_time_str(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (gmtime_r(&tt, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		out[0] = '\0';
	}
}

/* Base64 of the md digest of data. */
static uy_err
eg_digest_b64(const EVP_MD *md, const uint8_t *data, size_t len, char out[100])
{
	unsigned char dig[EVP_MAX_MD_SIZE];
	unsigned int dl = 0;

	if (EVP_Digest(data, len, dig, &dl, md, NULL) != 1) {
		return UY_ERROR(UY_ERR_CRYPTO, "digest failed");
	}
	(void)EVP_EncodeBlock((unsigned char *)out, dig, (int)dl);
	return UY_OK;
}

static int
eg_is_guid_upper(const char *s)
{
	size_t n = strlen(s);

	if (n != 36) {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		int is_dash = (i == 8 || i == 13 || i == 18 || i == 23);

		if (is_dash) {
			if (s[i] != '-') {
				return 0;
			}
		} else if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F'))) {
			return 0;
		}
	}
	return 1;
}

/* ---- description ----------------------------------------------------------------------- */

static void
eg_party_dispose(eg_party *q)
{
	uy_free(q->tur);
	uy_free(q->ivedilik);
	uy_free(q->miat);
	uy_free(q->tckn);
	uy_free(q->ilk_adi);
	uy_free(q->soyadi);
	uy_free(q->kkk);
	uy_free(q->adi);
}

/* see uy_eypgen.h */
void
uy_eypgen_desc_free(uy_eypgen_desc *d)
{
	if (d == NULL) {
		return;
	}
	uy_free(d->belge_id);
	uy_free(d->konu);
	uy_free(d->belge_no);
	uy_free(d->guvenlik);
	uy_free(d->dogrulama);
	uy_free(d->ustyazi);
	uy_free(d->ustyazi_mime);
	uy_free(d->ustyazi_data);
	uy_free(d->ol_kkk);
	uy_free(d->ol_adi);
	uy_free(d->im_ilk);
	uy_free(d->im_soyadi);
	for (size_t i = 0; i < d->n_party; i++) {
		eg_party_dispose(&d->party[i]);
	}
	for (size_t i = 0; i < d->n_ek; i++) {
		uy_free(d->ek[i].id);
		uy_free(d->ek[i].dosya);
		uy_free(d->ek[i].ad);
		uy_free(d->ek[i].mime);
		uy_free(d->ek[i].data);
	}
	uy_free(d);
}

/* Required attribute: owned copy in *out, or UY_ERR_MANIFEST naming it. */
static uy_err
eg_req(const xmlNode *n, const char *name, char **out)
{
	*out = uy_xml_attr(n, name);
	if (*out == NULL || (*out)[0] == '\0') {
		uy_free(*out);
		*out = NULL;
		return UY_ERROR(UY_ERR_MANIFEST, "line %ld: <%s> needs the attribute %s",
		    uy_xml_line(n), (const char *)n->name, name);
	}
	return UY_OK;
}

/* Optional attribute with a default. */
static uy_err
eg_opt(const xmlNode *n, const char *name, const char *def, char **out)
{
	*out = uy_xml_attr(n, name);
	if (*out == NULL) {
		*out = uy_strdup(def);
	}
	return *out == NULL ? UY_ERR_NOMEM : UY_OK;
}

static int
eg_is_digits(const char *s, size_t n)
{
	if (strlen(s) != n || s[0] == '0') {
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	return 1;
}

static uy_err
eg_file_name_ok(const xmlNode *n, const char *f)
{
	for (const char *c = f; *c != '\0'; c++) {
		if (*c == '/' || *c == '\\' || *c == ' ' || *c == '\t' || (unsigned char)*c < 0x21 ||
		    (unsigned char)*c > 0x7E) {
			return UY_ERROR(UY_ERR_MANIFEST, "line %ld: file name '%s' must be printable "
			    "ASCII without '/', '\\' or whitespace", uy_xml_line(n), f);
		}
	}
	if (strcmp(f, ".") == 0 || strcmp(f, "..") == 0) {
		return UY_ERROR(UY_ERR_MANIFEST, "line %ld: bad file name", uy_xml_line(n));
	}
	return UY_OK;
}

/* Read dir/name. */
static uy_err
eg_read_rel(const char *dir, const char *name, uint8_t **out, size_t *len)
{
	char *p = uy_asprintf("%s/%s", dir, name);
	uy_err rc = UY_OK;

	if (p == NULL) {
		return UY_ERR_NOMEM;
	}
	rc = uy_eypgen_read_file(p, UY_EYPGEN_MAX_INPUT, out, len);
	uy_free(p);
	return rc;
}

static uy_err
eg_load_party(const xmlNode *n, eg_party *q)
{
	const xmlNode *who = NULL;

	UY_TRY(eg_req(n, "tur", &q->tur));
	UY_TRY(eg_opt(n, "ivedilik", "NRM", &q->ivedilik));
	UY_TRY(eg_opt(n, "miat", "P30D", &q->miat));
	who = uy_xml_first_element(n);
	if (who != NULL && uy_xml_is(who, UY_EYPGEN_NS, "kisi")) {
		UY_TRY(eg_req(who, "tckn", &q->tckn));
		UY_TRY(eg_req(who, "ilk-adi", &q->ilk_adi));
		UY_TRY(eg_req(who, "soyadi", &q->soyadi));
		if (!uy_pki_tckn_valid(q->tckn)) {
			return UY_ERROR(UY_ERR_MANIFEST, "line %ld: TCKN %s has bad check digits",
			    uy_xml_line(who), q->tckn);
		}
	} else if (who != NULL && uy_xml_is(who, UY_EYPGEN_NS, "kurum")) {
		UY_TRY(eg_req(who, "kkk", &q->kkk));
		UY_TRY(eg_req(who, "adi", &q->adi));
		if (!eg_is_digits(q->kkk, 8)) {
			return UY_ERROR(UY_ERR_MANIFEST, "line %ld: KKK %s is not an 8-digit DETSİS "
			    "code", uy_xml_line(who), q->kkk);
		}
	} else {
		return UY_ERROR(UY_ERR_MANIFEST, "line %ld: <dagitim> needs <kisi> or <kurum>",
		    uy_xml_line(n));
	}
	return UY_OK;
}

static uy_err
eg_load_ek(const xmlNode *n, const char *dir, eg_ek *e)
{
	UY_TRY(eg_req(n, "id", &e->id));
	UY_TRY(eg_req(n, "dosya", &e->dosya));
	UY_TRY(eg_req(n, "ad", &e->ad));
	UY_TRY(eg_opt(n, "mime", "application/pdf", &e->mime));
	if (!eg_is_guid_upper(e->id)) {
		return UY_ERROR(UY_ERR_MANIFEST, "line %ld: Ek id %s is not an uppercase GUID",
		    uy_xml_line(n), e->id);
	}
	UY_TRY(eg_file_name_ok(n, e->dosya));
	return eg_read_rel(dir, e->dosya, &e->data, &e->len);
}

static uy_err
eg_load_root(uy_eypgen_desc *d, const xmlNode *root, const char *dir)
{
	char *gen = NULL;
	char *t = NULL;
	uy_err rc = UY_OK;
	time_t tt = 0;

	UY_ENSURE_OUT(uy_xml_is(root, UY_EYPGEN_NS, "paket"),
	    UY_ERROR(UY_ERR_MANIFEST, "the root must be <paket xmlns=\"" UY_EYPGEN_NS "\">"));
	UY_TRY_OUT(eg_req(root, "surum", &gen));
	if (strcmp(gen, "1") == 0 || strcmp(gen, "2") == 0) {
		d->generation = gen[0] - '0';
	} else {
		rc = UY_ERROR(UY_ERR_MANIFEST, "surum must be 1 or 2");
		goto done;
	}
	UY_TRY_OUT(eg_req(root, "belge-id", &d->belge_id));
	UY_ENSURE_OUT(eg_is_guid_upper(d->belge_id),
	    UY_ERROR(UY_ERR_MANIFEST, "belge-id %s is not an uppercase GUID", d->belge_id));
	UY_TRY_OUT(eg_req(root, "konu", &d->konu));
	UY_TRY_OUT(eg_req(root, "tarih", &t));
	UY_ENSURE_OUT(uy_pki_parse_time(&tt, t) == UY_OK,
	    UY_ERROR(UY_ERR_MANIFEST, "tarih %s is not YYYY-MM-DDTHH:MM:SSZ", t));
	d->time = (int64_t)tt;
	UY_TRY_OUT(eg_req(root, "belge-no", &d->belge_no));
	UY_TRY_OUT(eg_opt(root, "guvenlik-kodu", d->generation == 2 ? "YOK" : "TSD", &d->guvenlik));
	UY_TRY_OUT(eg_opt(root, "dogrulama-adresi", "https://www.turkiye.gov.tr/belge-dogrulama",
	    &d->dogrulama));
	UY_TRY_OUT(eg_req(root, "ustyazi", &d->ustyazi));
	UY_TRY_OUT(eg_file_name_ok(root, d->ustyazi));
	UY_TRY_OUT(eg_opt(root, "ustyazi-mime", "application/pdf", &d->ustyazi_mime));
	UY_TRY_OUT(eg_read_rel(dir, d->ustyazi, &d->ustyazi_data, &d->ustyazi_len));
	for (const xmlNode *n = uy_xml_first_element(root); n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			continue;
		}
		if (uy_xml_is(n, UY_EYPGEN_NS, "olusturan")) {
			UY_ENSURE_OUT(d->ol_kkk == NULL, UY_ERROR(UY_ERR_MANIFEST, "two <olusturan>"));
			UY_TRY_OUT(eg_req(n, "kkk", &d->ol_kkk));
			UY_TRY_OUT(eg_req(n, "adi", &d->ol_adi));
			UY_ENSURE_OUT(eg_is_digits(d->ol_kkk, 8),
			    UY_ERROR(UY_ERR_MANIFEST, "olusturan KKK is not 8 digits"));
		} else if (uy_xml_is(n, UY_EYPGEN_NS, "imzalayan")) {
			UY_ENSURE_OUT(d->im_ilk == NULL, UY_ERROR(UY_ERR_MANIFEST, "two <imzalayan>"));
			UY_TRY_OUT(eg_req(n, "ilk-adi", &d->im_ilk));
			UY_TRY_OUT(eg_req(n, "soyadi", &d->im_soyadi));
		} else if (uy_xml_is(n, UY_EYPGEN_NS, "dagitim")) {
			UY_ENSURE_OUT(d->n_party < UY_EYPGEN_MAX_ITEMS, UY_ERR_LIMIT);
			d->n_party++;
			UY_TRY_OUT(eg_load_party(n, &d->party[d->n_party - 1]));
		} else if (uy_xml_is(n, UY_EYPGEN_NS, "ek")) {
			UY_ENSURE_OUT(d->n_ek < UY_EYPGEN_MAX_ITEMS, UY_ERR_LIMIT);
			d->n_ek++;
			UY_TRY_OUT(eg_load_ek(n, dir, &d->ek[d->n_ek - 1]));
		} else if (uy_xml_is(n, UY_EYPGEN_NS, "description")) {
			continue;
		} else {
			rc = UY_ERROR(UY_ERR_MANIFEST, "line %ld: unknown element <%s>", uy_xml_line(n),
			    (const char *)n->name);
			goto done;
		}
	}
	UY_ENSURE_OUT(d->ol_kkk != NULL && d->im_ilk != NULL && d->n_party > 0,
	    UY_ERROR(UY_ERR_MANIFEST, "<olusturan>, <imzalayan> and one <dagitim> are required"));
done:
	uy_free(gen);
	uy_free(t);
	return rc;
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_desc_load(uy_eypgen_desc **out, const char *path)
{
	uy_err rc = UY_OK;
	uint8_t *bytes = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	uy_xml_error xe;
	uy_eypgen_desc *d = NULL;
	char *dir = NULL;
	const char *slash = NULL;

	UY_ASSERT_ARG(out != NULL && path != NULL);
	*out = NULL;
	UY_TRY_OUT(uy_eypgen_read_file(path, UY_EYPGEN_MAX_DESC, &bytes, &len));
	rc = uy_xml_parse(&doc, &xe, (uy_span){bytes, len});
	if (rc != UY_OK) {
		rc = UY_ERROR(rc, "%s:%ld: %s", path, xe.line, xe.msg);
		goto done;
	}
	slash = strrchr(path, '/');
	dir = slash == NULL ? uy_strdup(".") : uy_asprintf("%.*s", (int)(slash - path), path);
	d = uy_alloc(sizeof(*d));
	UY_ENSURE_OUT(dir != NULL && d != NULL, UY_ERR_NOMEM);
	memset(d, 0, sizeof(*d));
	UY_TRY_OUT(eg_load_root(d, xmlDocGetRootElement(doc), dir));
	*out = d;
	d = NULL;
done:
	uy_eypgen_desc_free(d);
	xmlFreeDoc(doc);
	uy_free(bytes);
	uy_free(dir);
	return rc;
}

/* see uy_eypgen.h */
int
uy_eypgen_desc_generation(const uy_eypgen_desc *d)
{
	return d->generation;
}

/* see uy_eypgen.h */
const char *
uy_eypgen_desc_belge_id(const uy_eypgen_desc *d)
{
	return d->belge_id;
}

/* see uy_eypgen.h */
int64_t
uy_eypgen_desc_time(const uy_eypgen_desc *d)
{
	return d->time;
}

/* ---- XML parts ------------------------------------------------------------------------- */

static uy_err
eg_start(uy_buf *b)
{
	uy_buf_init(b, EG_MAX_PART, 0);
	return uy_buf_puts(b, EG_XMLDECL);
}

static uy_err
eg_party_xml(uy_buf *b, int ind, const eg_party *q)
{
	if (q->tckn != NULL) {
		UY_TRY(eg_line(b, ind, "<tipler:GercekSahis>"));
		UY_TRY(eg_line(b, ind + 1, "<tipler:Kisi>"));
		UY_TRY(eg_el(b, ind + 2, "tipler:IlkAdi", q->ilk_adi));
		UY_TRY(eg_el(b, ind + 2, "tipler:Soyadi", q->soyadi));
		UY_TRY(eg_line(b, ind + 1, "</tipler:Kisi>"));
		UY_TRY(eg_el(b, ind + 1, "tipler:TCKN", q->tckn));
		return eg_line(b, ind, "</tipler:GercekSahis>");
	}
	UY_TRY(eg_line(b, ind, "<tipler:KurumKurulus>"));
	UY_TRY(eg_el(b, ind + 1, "tipler:KKK", q->kkk));
	UY_TRY(eg_el(b, ind + 1, "tipler:Adi", q->adi));
	return eg_line(b, ind, "</tipler:KurumKurulus>");
}

/* Ustveri (2.x: UstVeri in Ustveri-2; 1.x: Ustveri in Ustveri-1, with Tarih and BelgeNo). */
static uy_err
eg_ustveri(uy_buf *b, const uy_eypgen_desc *d)
{
	char t[32];

	eg_time_str(d->time, t);
	UY_TRY(eg_start(b));
	UY_TRY(uy_buf_puts(b, EG_NL));
	if (d->generation == 2) {
		UY_TRY(eg_line(b, 0, "<UstVeri xmlns:tipler=\"" EG_TIPLER2 "\" "
		    "xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-2\">"));
	} else {
		UY_TRY(eg_line(b, 0, "<Ustveri xmlns:tipler=\"" EG_TIPLER1 "\" "
		    "xmlns=\"urn:dpt:eyazisma:schema:xsd:Ustveri-1\">"));
	}
	UY_TRY(eg_el(b, 1, "tipler:BelgeId", d->belge_id));
	UY_TRY(eg_el(b, 1, "tipler:Konu", d->konu));
	if (d->generation == 1) {
		UY_TRY(eg_el(b, 1, "tipler:Tarih", t));
		UY_TRY(eg_el(b, 1, "tipler:BelgeNo", d->belge_no));
	}
	UY_TRY(eg_el(b, 1, "tipler:GuvenlikKodu", d->guvenlik));
	UY_TRY(eg_el(b, 1, "tipler:MimeTuru", d->ustyazi_mime));
	UY_TRY(eg_line(b, 1, "<tipler:DagitimListesi>"));
	for (size_t i = 0; i < d->n_party; i++) {
		const eg_party *q = &d->party[i];

		UY_TRY(eg_line(b, 2, "<tipler:Dagitim>"));
		UY_TRY(eg_party_xml(b, 3, q));
		UY_TRY(eg_el(b, 3, "tipler:Ivedilik", q->ivedilik));
		UY_TRY(eg_el(b, 3, "tipler:DagitimTuru", q->tur));
		UY_TRY(eg_el(b, 3, "tipler:Miat", q->miat));
		UY_TRY(eg_line(b, 2, "</tipler:Dagitim>"));
	}
	UY_TRY(eg_line(b, 1, "</tipler:DagitimListesi>"));
	if (d->n_ek > 0) {
		UY_TRY(eg_line(b, 1, "<tipler:Ekler>"));
		for (size_t i = 0; i < d->n_ek; i++) {
			const eg_ek *e = &d->ek[i];
			char no[24];

			(void)snprintf(no, sizeof(no), "%zu", i + 1);
			UY_TRY(eg_line(b, 2, "<tipler:Ek>"));
			UY_TRY(uy_buf_printf(b, "      <tipler:Id Value=\"%s\" EYazismaIdMi=\"false\" />"
			    EG_NL, e->id));
			UY_TRY(eg_el(b, 3, "tipler:Tur", "DED"));
			UY_TRY(eg_el(b, 3, "tipler:DosyaAdi", e->dosya));
			UY_TRY(eg_el(b, 3, "tipler:MimeTuru", e->mime));
			UY_TRY(eg_el(b, 3, "tipler:Ad", e->ad));
			UY_TRY(eg_el(b, 3, "tipler:SiraNo", no));
			UY_TRY(eg_el(b, 3, "tipler:ImzaliMi", "true"));
			UY_TRY(eg_line(b, 2, "</tipler:Ek>"));
		}
		UY_TRY(eg_line(b, 1, "</tipler:Ekler>"));
	}
	UY_TRY(eg_el(b, 1, "tipler:Dil", "tur"));
	UY_TRY(eg_line(b, 1, "<tipler:Olusturan>"));
	UY_TRY(eg_line(b, 2, "<tipler:KurumKurulus>"));
	UY_TRY(eg_el(b, 3, "tipler:KKK", d->ol_kkk));
	UY_TRY(eg_el(b, 3, "tipler:Adi", d->ol_adi));
	UY_TRY(eg_line(b, 2, "</tipler:KurumKurulus>"));
	UY_TRY(eg_line(b, 1, "</tipler:Olusturan>"));
	UY_TRY(eg_el(b, 1, "tipler:DosyaAdi", d->ustyazi));
	if (d->generation == 2) {
		UY_TRY(eg_line(b, 1, "<tipler:DogrulamaBilgisi>"));
		UY_TRY(eg_el(b, 2, "tipler:DogrulamaAdresi", d->dogrulama));
		UY_TRY(eg_line(b, 1, "</tipler:DogrulamaBilgisi>"));
		return uy_buf_puts(b, "</UstVeri>");
	}
	return uy_buf_puts(b, "</Ustveri>");
}

/* 1.x BelgeHedef: one Hedef per distribution entry. */
static uy_err
eg_belgehedef(uy_buf *b, const uy_eypgen_desc *d)
{
	UY_TRY(eg_start(b));
	UY_TRY(uy_buf_puts(b, EG_NL));
	UY_TRY(eg_line(b, 0, "<BelgeHedef xmlns:tipler=\"" EG_TIPLER1 "\" "
	    "xmlns=\"urn:dpt:eyazisma:schema:xsd:BelgeHedef-1\">"));
	UY_TRY(eg_line(b, 1, "<tipler:HedefListesi>"));
	for (size_t i = 0; i < d->n_party; i++) {
		UY_TRY(eg_line(b, 2, "<tipler:Hedef>"));
		UY_TRY(eg_party_xml(b, 3, &d->party[i]));
		UY_TRY(eg_line(b, 2, "</tipler:Hedef>"));
	}
	UY_TRY(eg_line(b, 1, "</tipler:HedefListesi>"));
	return uy_buf_puts(b, "</BelgeHedef>");
}

/* The signer list: 2.x NihaiUstveri (with Tarih and BelgeNo), 1.x BelgeImza. */
static uy_err
eg_signers(uy_buf *b, const uy_eypgen_desc *d)
{
	char t[32];
	int ind = 2;

	eg_time_str(d->time, t);
	UY_TRY(eg_start(b));
	UY_TRY(uy_buf_puts(b, EG_NL));
	if (d->generation == 2) {
		UY_TRY(eg_line(b, 0, "<NihaiUstVeri xmlns:tipler=\"" EG_TIPLER2 "\" "
		    "xmlns=\"urn:dpt:eyazisma:schema:xsd:NihaiUstveri-2\">"));
		UY_TRY(eg_el(b, 1, "tipler:Tarih", t));
		UY_TRY(eg_el(b, 1, "tipler:BelgeNo", d->belge_no));
		UY_TRY(eg_line(b, 1, "<tipler:BelgeImzalar>"));
	} else {
		UY_TRY(eg_line(b, 0, "<BelgeImza xmlns:tipler=\"" EG_TIPLER1 "\" "
		    "xmlns=\"urn:dpt:eyazisma:schema:xsd:BelgeImza-1\">"));
		UY_TRY(eg_line(b, 1, "<tipler:ImzaListesi>"));
	}
	UY_TRY(eg_line(b, ind, "<tipler:Imza>"));
	UY_TRY(eg_line(b, ind + 1, "<tipler:Imzalayan>"));
	UY_TRY(eg_line(b, ind + 2, "<tipler:Kisi>"));
	UY_TRY(eg_el(b, ind + 3, "tipler:IlkAdi", d->im_ilk));
	UY_TRY(eg_el(b, ind + 3, "tipler:Soyadi", d->im_soyadi));
	UY_TRY(eg_line(b, ind + 2, "</tipler:Kisi>"));
	UY_TRY(eg_line(b, ind + 1, "</tipler:Imzalayan>"));
	UY_TRY(eg_el(b, ind + 1, "tipler:Tarih", t));
	UY_TRY(eg_line(b, ind, "</tipler:Imza>"));
	if (d->generation == 2) {
		UY_TRY(eg_line(b, 1, "</tipler:BelgeImzalar>"));
		return uy_buf_puts(b, "</NihaiUstVeri>");
	}
	UY_TRY(eg_line(b, 1, "</tipler:ImzaListesi>"));
	return uy_buf_puts(b, "</BelgeImza>");
}

/*
 * A summary over parts of p. root: ParafOzeti, PaketOzeti or NihaiOzet; gen 2: SHA-384 +
 * SHA-512 DigestItems, References in the PaketOzeti-2 namespace as the reference writer does;
 * gen 1: one SHA-256 DigestMethod. flip: the index of a Reference whose first digest is broken
 * (-1: none).
 */
static uy_err
eg_summary(uy_buf *b, const eg_pkg *p, int gen, const char *root, const char *id,
    const char *const *parts, size_t n, long flip)
{
	UY_TRY(eg_start(b));
	UY_TRY(uy_buf_printf(b, EG_NL "<%s xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" Id=\"%s\" "
	    "xmlns=\"urn:dpt:eyazisma:schema:xsd:%s-%d\">" EG_NL, root, id, root, gen));
	for (size_t i = 0; i < n; i++) {
		const eg_entry *e = eg_find(p, parts[i]);
		char v1[100];
		char v2[100];
		const char *refns = strcmp(root, "PaketOzeti") == 0 ? "" :
		    (gen == 2 ? " xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-2\"" :
		                " xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-1\"");

		if (e == NULL) {
			return UY_ERROR(UY_ERR_INTERNAL, "summary part %s absent", parts[i]);
		}
		UY_TRY(uy_buf_printf(b, "  <Reference URI=\"%s\" Type=\"" EG_DAHILI "\"%s>" EG_NL,
		    parts[i], refns));
		if (gen == 2) {
			UY_TRY(eg_digest_b64(EVP_sha384(), e->data, e->len, v1));
			UY_TRY(eg_digest_b64(EVP_sha512(), e->data, e->len, v2));
			if ((long)i == flip) {
				v1[0] = v1[0] == 'A' ? 'B' : 'A';
			}
			UY_TRY(uy_buf_printf(b, "    <DigestItem>" EG_NL
			    "      <DigestMethod Algorithm=\"" EG_ALG_SHA384 "\" />" EG_NL
			    "      <DigestValue>%s</DigestValue>" EG_NL
			    "    </DigestItem>" EG_NL
			    "    <DigestItem>" EG_NL
			    "      <DigestMethod Algorithm=\"" EG_ALG_SHA512 "\" />" EG_NL
			    "      <DigestValue>%s</DigestValue>" EG_NL
			    "    </DigestItem>" EG_NL, v1, v2));
		} else {
			UY_TRY(eg_digest_b64(EVP_sha256(), e->data, e->len, v1));
			if ((long)i == flip) {
				v1[0] = v1[0] == 'A' ? 'B' : 'A';
			}
			UY_TRY(uy_buf_printf(b, "    <DigestMethod Algorithm=\"" EG_ALG_SHA256 "\" />" EG_NL
			    "    <DigestValue>%s</DigestValue>" EG_NL, v1));
		}
		UY_TRY(uy_buf_puts(b, "  </Reference>" EG_NL));
	}
	return uy_buf_printf(b, "</%s>", root);
}

/* A .rels part with (type, target, id) triples. */
static uy_err
eg_rels(uy_buf *b, const char *const (*rel)[3], size_t n)
{
	UY_TRY(eg_start(b));
	UY_TRY(uy_buf_puts(b, "<Relationships xmlns=\"" EG_NS_RELS "\">"));
	for (size_t i = 0; i < n; i++) {
		UY_TRY(uy_buf_printf(b, "<Relationship Type=\"%s\" Target=\"%s\" Id=\"%s\" />",
		    rel[i][0], rel[i][1], rel[i][2]));
	}
	return uy_buf_puts(b, "</Relationships>");
}

/* Core properties. */
static uy_err
eg_core(uy_buf *b, const char *id, int64_t t, const char *creator, const char *subject,
    const char *category, const char *version, const char *revision)
{
	char ts[32];

	eg_time_str(t, ts);
	UY_TRY(eg_start(b));
	UY_TRY(uy_buf_puts(b, "<coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">"));
	UY_TRY(uy_buf_printf(b, "<dc:identifier>%s</dc:identifier>", id));
	UY_TRY(uy_buf_printf(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>",
	    ts));
	UY_TRY(uy_buf_puts(b, "<dc:creator>"));
	UY_TRY(eg_esc(b, creator));
	UY_TRY(uy_buf_puts(b, "</dc:creator><dc:subject>"));
	UY_TRY(eg_esc(b, subject));
	UY_TRY(uy_buf_printf(b, "</dc:subject><category>%s</category>"
	    "<contentType>application/eyazisma</contentType><version>%s</version>"
	    "<revision>%s</revision></coreProperties>", category, version, revision));
	return UY_OK;
}

/* Core part name and relationship Id derived from an identifier (stable, lowercase hex). */
static uy_err
eg_core_names(const char *id, char name[96], char rid[24])
{
	unsigned char dig[32];
	char hex[33];

	if (EVP_Digest(id, strlen(id), dig, NULL, EVP_sha256(), NULL) != 1) {
		return UY_ERROR(UY_ERR_CRYPTO, "digest failed");
	}
	for (size_t i = 0; i < 16; i++) {
		(void)snprintf(hex + 2 * i, 3, "%02x", dig[i]);
	}
	(void)snprintf(name, 96, "package/services/metadata/core-properties/%s.psmdcp", hex);
	(void)snprintf(rid, 24, "R%.16s", hex + 16);
	return UY_OK;
}

/* Sign a summary entry with sig into a new entry sig_name. */
static uy_err
eg_sign(eg_pkg *p, const char *summary, const uy_eypgen_sig *sig, const char *sig_name)
{
	const eg_entry *e = eg_find(p, summary);
	uint8_t *der = NULL;
	size_t len = 0;

	if (e == NULL) {
		return UY_ERROR(UY_ERR_INTERNAL, "summary %s absent", summary);
	}
	UY_TRY(uy_cades_make(&der, &len, sig->signer, (uy_span){e->data, e->len}, sig->cades));
	return eg_add_take(p, sig_name, der, len, 0);
}

static int
eg_sig_set(const uy_eypgen_sig *s)
{
	return s->signer != NULL && s->cades != NULL;
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_make(const char *out_path, const uy_eypgen_desc *d, const uy_eypgen_options *opts)
{
	uy_err rc = UY_OK;
	eg_pkg *p = NULL;
	uy_buf b;
	char core_name[96];
	char core_rid[24];
	char core_part[100];
	char *creator = NULL;
	char *ustyazi_part = NULL;
	char *ek_part[UY_EYPGEN_MAX_ITEMS];
	char *ek_rid[UY_EYPGEN_MAX_ITEMS];
	const char *rel[UY_EYPGEN_MAX_ITEMS + 12][3];
	const char *parts[UY_EYPGEN_MAX_ITEMS + 12];
	size_t nr = 0;
	size_t np = 0;
	int g2 = 0;
	int paraf = 0;
	int muhur = 0;
	const char *muhur_name = NULL;

	UY_ASSERT_ARG(out_path != NULL && d != NULL && opts != NULL);
	UY_ASSERT_ARG(opts->version == UY_EYPGEN_OPTIONS_VERSION && eg_sig_set(&opts->imza));
	g2 = d->generation == 2;
	paraf = g2 && eg_sig_set(&opts->paraf);
	muhur = eg_sig_set(&opts->muhur);
	UY_ASSERT_ARG(!g2 || muhur);
	muhur_name = g2 ? "Muhur/MuhurCades.imz" : "Muhurler/MuhurCades.imz";
	memset(ek_part, 0, sizeof(ek_part));
	memset(ek_rid, 0, sizeof(ek_rid));
	uy_buf_init(&b, EG_MAX_PART, 0);
	p = uy_alloc(sizeof(*p));
	UY_ENSURE_OUT(p != NULL, UY_ERR_NOMEM);
	memset(p, 0, sizeof(*p));
	UY_TRY_OUT(eg_core_names(d->belge_id, core_name, core_rid));
	(void)snprintf(core_part, sizeof(core_part), "/%s", core_name);
	creator = uy_asprintf("%s/%s", d->ol_adi, d->ol_kkk);
	ustyazi_part = uy_asprintf("/UstYazi/%s", d->ustyazi);
	UY_ENSURE_OUT(creator != NULL && ustyazi_part != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < d->n_ek; i++) {
		ek_part[i] = uy_asprintf("/Ekler/%s", d->ek[i].dosya);
		ek_rid[i] = uy_asprintf("IdEk_%s", d->ek[i].id);
		UY_ENSURE_OUT(ek_part[i] != NULL && ek_rid[i] != NULL, UY_ERR_NOMEM);
	}

	/* [Content_Types].xml */
	UY_TRY_OUT(eg_start(&b));
	UY_TRY_OUT(uy_buf_puts(&b, "<Types xmlns=\"" EG_NS_CT "\">"
	    "<Default Extension=\"pdf\" ContentType=\"application/pdf\" />"
	    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
	    "<Default Extension=\"psmdcp\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\" />"
	    "<Default Extension=\"imz\" ContentType=\"application/octet-stream\" />"));
	if (strcmp(d->ustyazi_mime, "application/pdf") != 0) {
		UY_TRY_OUT(uy_buf_printf(&b, "<Override PartName=\"%s\" ContentType=\"%s\" />",
		    ustyazi_part, d->ustyazi_mime));
	}
	for (size_t i = 0; i < d->n_ek; i++) {
		if (strcmp(d->ek[i].mime, "application/pdf") != 0) {
			UY_TRY_OUT(uy_buf_printf(&b, "<Override PartName=\"%s\" ContentType=\"%s\" />",
			    ek_part[i], d->ek[i].mime));
		}
	}
	UY_TRY_OUT(uy_buf_puts(&b, "</Types>"));
	UY_TRY_OUT(eg_add_buf(p, "[Content_Types].xml", &b, 1));

	/* _rels/.rels */
#define EG_R(type, target, id) \
	do { \
		rel[nr][0] = (type); \
		rel[nr][1] = (target); \
		rel[nr][2] = (id); \
		nr++; \
	} while (0)
	EG_R(EG_REL "ustyazi", ustyazi_part, "IdUstYazi");
	for (size_t i = 0; i < d->n_ek; i++) {
		EG_R(EG_REL "ek", ek_part[i], ek_rid[i]);
	}
	EG_R(EG_REL_CORE, core_part, core_rid);
	if (!g2) {
		EG_R(EG_REL "belgehedef", "/BelgeHedef/BelgeHedef.xml", "IdBelgeHedef");
		EG_R(EG_REL "belgeimza", "/Imzalar/BelgeImza.xml", "IdBelgeImza");
	}
	EG_R(EG_REL "ustveri", "/Ustveri/Ustveri.xml", "IdUstveri");
	if (paraf) {
		EG_R(EG_REL "parafozeti", "/ParafOzeti/ParafOzeti.xml", "IdParafOzeti");
	}
	EG_R(EG_REL "paketozeti", "/PaketOzeti/PaketOzeti.xml", "IdPaketOzeti");
	if (g2) {
		EG_R(EG_REL "nihaiustveri", "/NihaiUstveri/NihaiUstveri.xml", "IdNihaiUstveri");
	}
	if (muhur) {
		EG_R(EG_REL "nihaiozet", "/NihaiOzet/NihaiOzet.xml", "IdNihaiOzet");
	}
	UY_TRY_OUT(eg_rels(&b, rel, nr));
	UY_TRY_OUT(eg_add_buf(p, "_rels/.rels", &b, 1));

	/* Core, content parts */
	UY_TRY_OUT(eg_core(&b, d->belge_id, d->time, creator, d->konu, "RESMIYAZISMA",
	    g2 ? "2.0" : "1.3", "uyum/uy-eypgen"));
	UY_TRY_OUT(eg_add_buf(p, core_name, &b, 1));
	UY_TRY_OUT(eg_add_copy(p, ustyazi_part + 1, d->ustyazi_data, d->ustyazi_len, 0));
	for (size_t i = 0; i < d->n_ek; i++) {
		UY_TRY_OUT(eg_add_copy(p, ek_part[i] + 1, d->ek[i].data, d->ek[i].len, 0));
	}
	UY_TRY_OUT(eg_ustveri(&b, d));
	UY_TRY_OUT(eg_add_buf(p, "Ustveri/Ustveri.xml", &b, 0));
	if (!g2) {
		UY_TRY_OUT(eg_belgehedef(&b, d));
		UY_TRY_OUT(eg_add_buf(p, "BelgeHedef/BelgeHedef.xml", &b, 0));
	}

	/* Initials (2.x): UstYazi, Ustveri, signed Ekler. */
	if (paraf) {
		static const char *const pr[][3] = {{EG_REL "parafimzacades",
		    "../Paraflar/ParafImzaCades.imz", "IdParafImzaCades"}};

		np = 0;
		parts[np++] = ustyazi_part;
		parts[np++] = "/Ustveri/Ustveri.xml";
		for (size_t i = 0; i < d->n_ek; i++) {
			parts[np++] = ek_part[i];
		}
		UY_TRY_OUT(eg_summary(&b, p, 2, "ParafOzeti", d->belge_id, parts, np, -1));
		UY_TRY_OUT(eg_add_buf(p, "ParafOzeti/ParafOzeti.xml", &b, 0));
		UY_TRY_OUT(eg_sign(p, "ParafOzeti/ParafOzeti.xml", &opts->paraf,
		    "Paraflar/ParafImzaCades.imz"));
		UY_TRY_OUT(eg_rels(&b, pr, 1));
		UY_TRY_OUT(eg_add_buf(p, "ParafOzeti/_rels/ParafOzeti.xml.rels", &b, 0));
	}

	/* e-signature: 1.x BelgeHedef, UstYazi, Ustveri, Ekler; 2.x UstYazi, Ustveri, Ekler,
	 * ParafOzeti, ParafImzaCades. */
	{
		static const char *const ir[][3] = {{EG_REL "imzacades", "../Imzalar/ImzaCades.imz",
		    "IdImzaCades"}};
		long flip = -1;

		np = 0;
		if (!g2) {
			parts[np++] = "/BelgeHedef/BelgeHedef.xml";
		}
		parts[np++] = ustyazi_part;
		if ((opts->tamper & UY_EYPGEN_TAMPER_PAKETOZETI_DIGEST) != 0) {
			flip = (long)np;
		}
		parts[np++] = "/Ustveri/Ustveri.xml";
		for (size_t i = 0; i < d->n_ek; i++) {
			parts[np++] = ek_part[i];
		}
		if (paraf) {
			parts[np++] = "/ParafOzeti/ParafOzeti.xml";
			parts[np++] = "/Paraflar/ParafImzaCades.imz";
		}
		UY_TRY_OUT(eg_summary(&b, p, d->generation, "PaketOzeti", d->belge_id, parts, np, flip));
		UY_TRY_OUT(eg_add_buf(p, "PaketOzeti/PaketOzeti.xml", &b, 0));
		UY_TRY_OUT(eg_sign(p, "PaketOzeti/PaketOzeti.xml", &opts->imza,
		    "Imzalar/ImzaCades.imz"));
		UY_TRY_OUT(eg_rels(&b, ir, 1));
		UY_TRY_OUT(eg_add_buf(p, "PaketOzeti/_rels/PaketOzeti.xml.rels", &b, 0));
	}
	UY_TRY_OUT(eg_signers(&b, d));
	UY_TRY_OUT(eg_add_buf(p, g2 ? "NihaiUstveri/NihaiUstveri.xml" : "Imzalar/BelgeImza.xml", &b,
	    0));

	/* Seal over NihaiOzet: everything above, Core last. */
	if (muhur) {
		static const char *const mr2[][3] = {{EG_REL "muhurcades", "../Muhur/MuhurCades.imz",
		    "IdMuhurCades"}};
		static const char *const mr1[][3] = {{EG_REL "muhurcades",
		    "../Muhurler/MuhurCades.imz", "IdMuhurCades"}};

		np = 0;
		if (!g2) {
			parts[np++] = "/BelgeHedef/BelgeHedef.xml";
			parts[np++] = "/Imzalar/BelgeImza.xml";
		}
		parts[np++] = ustyazi_part;
		parts[np++] = "/Ustveri/Ustveri.xml";
		for (size_t i = 0; i < d->n_ek; i++) {
			parts[np++] = ek_part[i];
		}
		if (paraf) {
			parts[np++] = "/ParafOzeti/ParafOzeti.xml";
			parts[np++] = "/Paraflar/ParafImzaCades.imz";
		}
		parts[np++] = "/PaketOzeti/PaketOzeti.xml";
		parts[np++] = "/Imzalar/ImzaCades.imz";
		if (g2) {
			parts[np++] = "/NihaiUstveri/NihaiUstveri.xml";
		}
		if ((opts->tamper & UY_EYPGEN_TAMPER_NIHAIOZET_NO_CORE) == 0) {
			parts[np++] = core_part;
		}
		UY_TRY_OUT(eg_summary(&b, p, d->generation, "NihaiOzet", d->belge_id, parts, np, -1));
		UY_TRY_OUT(eg_add_buf(p, "NihaiOzet/NihaiOzet.xml", &b, 0));
		UY_TRY_OUT(eg_sign(p, "NihaiOzet/NihaiOzet.xml", &opts->muhur, muhur_name));
		UY_TRY_OUT(eg_rels(&b, g2 ? mr2 : mr1, 1));
		UY_TRY_OUT(eg_add_buf(p, "NihaiOzet/_rels/NihaiOzet.xml.rels", &b, 0));
	}
#undef EG_R
	UY_TRY_OUT(eg_write_zip(p, out_path, d->time));
done:
	uy_buf_dispose(&b);
	if (p != NULL) {
		eg_pkg_dispose(p);
		uy_free(p);
	}
	for (size_t i = 0; i < UY_EYPGEN_MAX_ITEMS; i++) {
		uy_free(ek_part[i]);
		uy_free(ek_rid[i]);
	}
	uy_free(creator);
	uy_free(ustyazi_part);
	return rc;
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_make_eypg(const char *out_path, const char *orig_path, const uy_eypgen_update *u,
    const uy_eypgen_sig *muhur)
{
	uy_err rc = UY_OK;
	eg_pkg *p = NULL;
	uy_buf b;
	uint8_t *orig = NULL;
	size_t orig_len = 0;
	char core_name[96];
	char core_rid[24];
	char core_part[100];
	const char *rel[4][3];
	const char *parts[3];
	static const char *const mr[][3] = {{EG_REL "muhurcades", "../Muhur/MuhurCades.imz",
	    "IdMuhurCades"}};

	UY_ASSERT_ARG(out_path != NULL && orig_path != NULL && u != NULL && muhur != NULL);
	UY_ASSERT_ARG(eg_sig_set(muhur) && u->id != NULL && eg_is_guid_upper(u->id));
	uy_buf_init(&b, EG_MAX_PART, 0);
	p = uy_alloc(sizeof(*p));
	UY_ENSURE_OUT(p != NULL, UY_ERR_NOMEM);
	memset(p, 0, sizeof(*p));
	UY_TRY_OUT(uy_eypgen_read_file(orig_path, UY_EYPGEN_MAX_INPUT, &orig, &orig_len));
	UY_TRY_OUT(eg_core_names(u->id, core_name, core_rid));
	(void)snprintf(core_part, sizeof(core_part), "/%s", core_name);

	UY_TRY_OUT(eg_start(&b));
	UY_TRY_OUT(uy_buf_puts(&b, "<Types xmlns=\"" EG_NS_CT "\">"
	    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
	    "<Default Extension=\"psmdcp\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\" />"
	    "<Default Extension=\"imz\" ContentType=\"application/octet-stream\" />"
	    "<Default Extension=\"eyp\" ContentType=\"application/x-zip-compressed\" />"
	    "</Types>"));
	UY_TRY_OUT(eg_add_buf(p, "[Content_Types].xml", &b, 1));
	rel[0][0] = EG_REL "guncellemebilgisi";
	rel[0][1] = "/GuncellemeBilgisi/GuncellemeBilgisi.xml";
	rel[0][2] = "IdGuncellemeBilgisi";
	rel[1][0] = EG_REL "orijinalpaket";
	rel[1][1] = "/OrijinalPaket/OrijinalPaket.eyp";
	rel[1][2] = "IdOrijinalPaket";
	rel[2][0] = EG_REL "nihaiozet";
	rel[2][1] = "/NihaiOzet/NihaiOzet.xml";
	rel[2][2] = "IdNihaiOzet";
	rel[3][0] = EG_REL_CORE;
	rel[3][1] = core_part;
	rel[3][2] = core_rid;
	UY_TRY_OUT(eg_rels(&b, rel, 4));
	UY_TRY_OUT(eg_add_buf(p, "_rels/.rels", &b, 1));
	UY_TRY_OUT(eg_core(&b, u->id, u->created, u->creator, u->subject, "RESMIYAZISMA/GUNCELLEME",
	    "2.1", "uyum/uy-eypgen"));
	UY_TRY_OUT(eg_add_buf(p, core_name, &b, 1));

	UY_TRY_OUT(eg_start(&b));
	UY_TRY_OUT(uy_buf_puts(&b, EG_NL "<GuncellemeBilgisi xmlns=\"" EG_TIPLER2 "\">" EG_NL));
	UY_TRY_OUT(eg_line(&b, 1, "<Guncellemeler>"));
	UY_TRY_OUT(eg_el(&b, 2, "GuncellemeTuru", "GuvenlikKodu"));
	UY_TRY_OUT(eg_line(&b, 2, "<GuvenlikKoduDegisiklikBilgisi>"));
	UY_TRY_OUT(eg_el(&b, 3, "YeniGizlilikDerecesi", u->yeni_gizlilik));
	UY_TRY_OUT(eg_el(&b, 3, "DegistirmeTarihi", u->tarih));
	UY_TRY_OUT(eg_el(&b, 3, "Aciklama", u->aciklama));
	UY_TRY_OUT(eg_el(&b, 3, "KomisyonKarariBelgeNo", u->karar_no));
	UY_TRY_OUT(eg_el(&b, 3, "KomisyonKarariBelgeId", u->karar_id));
	UY_TRY_OUT(eg_line(&b, 2, "</GuvenlikKoduDegisiklikBilgisi>"));
	UY_TRY_OUT(eg_line(&b, 1, "</Guncellemeler>"));
	UY_TRY_OUT(uy_buf_puts(&b, "</GuncellemeBilgisi>"));
	UY_TRY_OUT(eg_add_buf(p, "GuncellemeBilgisi/GuncellemeBilgisi.xml", &b, 0));
	UY_TRY_OUT(eg_add_take(p, "OrijinalPaket/OrijinalPaket.eyp", orig, orig_len, 0));
	orig = NULL;

	parts[0] = "/GuncellemeBilgisi/GuncellemeBilgisi.xml";
	parts[1] = "/OrijinalPaket/OrijinalPaket.eyp";
	parts[2] = core_part;
	UY_TRY_OUT(eg_summary(&b, p, 2, "NihaiOzet", u->id, parts, 3, -1));
	UY_TRY_OUT(eg_add_buf(p, "NihaiOzet/NihaiOzet.xml", &b, 0));
	UY_TRY_OUT(eg_sign(p, "NihaiOzet/NihaiOzet.xml", muhur, "Muhur/MuhurCades.imz"));
	UY_TRY_OUT(eg_rels(&b, mr, 1));
	UY_TRY_OUT(eg_add_buf(p, "NihaiOzet/_rels/NihaiOzet.xml.rels", &b, 0));
	UY_TRY_OUT(eg_write_zip(p, out_path, u->created));
done:
	uy_buf_dispose(&b);
	uy_free(orig);
	if (p != NULL) {
		eg_pkg_dispose(p);
		uy_free(p);
	}
	return rc;
}

/* ---- files ------------------------------------------------------------------------------ */

/* see uy_eypgen.h */
uy_err
uy_eypgen_read_file(const char *path, size_t cap, uint8_t **out, size_t *len_out)
{
	uy_err rc = UY_OK;
	FILE *f = NULL;
	uy_buf b;
	uint8_t chunk[65536];
	size_t n = 0;

	UY_ASSERT_ARG(path != NULL && out != NULL && len_out != NULL);
	*out = NULL;
	*len_out = 0;
	uy_buf_init(&b, cap, 0);
	f = fopen(path, "rb");
	UY_ENSURE_OUT(f != NULL, UY_ERROR(UY_ERR_IO, "cannot open %s: %s", path, strerror(errno)));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		UY_TRY_OUT(uy_buf_append(&b, chunk, n));
	}
	UY_ENSURE_OUT(!ferror(f), UY_ERROR(UY_ERR_IO, "cannot read %s", path));
	if (b.len == 0) {
		UY_TRY_OUT(uy_buf_append(&b, "", 1));
		b.len = 0;
	}
	*out = uy_buf_take(&b, len_out);
	UY_ENSURE_OUT(*out != NULL, UY_ERR_NOMEM);
done:
	if (f != NULL) {
		(void)fclose(f);
	}
	uy_buf_dispose(&b);
	return rc;
}

/* see uy_eypgen.h */
uy_err
uy_eypgen_write_file(const char *path, const void *data, size_t len)
{
	uy_err rc = UY_OK;
	char *tmp = uy_asprintf("%s.tmp", path);
	FILE *f = NULL;

	UY_ENSURE_OUT(tmp != NULL, UY_ERR_NOMEM);
	f = fopen(tmp, "wb");
	UY_ENSURE_OUT(f != NULL, UY_ERROR(UY_ERR_IO, "cannot create %s: %s", tmp, strerror(errno)));
	if ((len > 0 && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		f = NULL;
		(void)unlink(tmp);
		rc = UY_ERROR(UY_ERR_IO, "cannot write %s", tmp);
		goto done;
	}
	f = NULL;
	if (rename(tmp, path) != 0) {
		(void)unlink(tmp);
		rc = UY_ERROR(UY_ERR_IO, "cannot rename %s: %s", tmp, strerror(errno));
	}
done:
	if (f != NULL) {
		(void)fclose(f);
	}
	uy_free(tmp);
	return rc;
}
