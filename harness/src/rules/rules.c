/* Shared helpers of the rule stages; see rules.h. */
#include "rules/rules.h"

#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

/* see rules.h */
void
uy_pkginfo_dispose(uy_pkginfo *info)
{
	xmlDocPtr *docs[] = {&info->core_doc, &info->ustveri_doc, &info->nihaiustveri_doc,
	    &info->belgehedef_doc, &info->belgeimza_doc, &info->paketozeti_doc,
	    &info->parafozeti_doc, &info->nihaiozet_doc, &info->sifreliicerikbilgisi_doc,
	    &info->guncellemebilgisi_doc};

	if (info == NULL) {
		return;
	}
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		if (*docs[i] != NULL) {
			xmlFreeDoc(*docs[i]);
			*docs[i] = NULL;
		}
	}
	for (size_t i = 0; i < info->n_ek_entries; i++) {
		uy_free(info->ek_entries[i].id);
		uy_free(info->ek_entries[i].tur);
		uy_free(info->ek_entries[i].dosya_adi);
	}
	uy_free(info->ek_entries);
	uy_free(info->ekler);
	uy_free(info->imzasiz_ekler);
	uy_free(info->core_version);
	uy_free(info->file_ext);
	uy_free(info->core_identifier);
	uy_free(info->core_subject);
	uy_free(info->belge_id);
	uy_free(info->konu);
	memset(info, 0, sizeof(*info));
}

/* see rules.h */
uy_err
uy_rules__parse_xml(uy_ctx *ctx, uy_pkg *pkg, const uy_part *part, uy_check_id parse_check,
    xmlDocPtr *out)
{
	uy_span bytes = {NULL, 0};
	uy_xml_error xerr;
	uy_err rc = UY_OK;

	*out = NULL;
	memset(&xerr, 0, sizeof(xerr));
	rc = uy_pkg_read_part(pkg, ctx, part, UY_MAX_XML_PART, &bytes);
	if (rc == UY_ERR_NOMEM) {
		return rc;
	}
	if (rc != UY_OK) {
		/* The reader recorded why; the content rules cannot run. */
		return uy_ctx_skip(ctx, parse_check, UY_LOC_PART(part->name),
		    "Bölüm okunamadığı için ayrıştırılamadı (%s)",
		    "The part could not be read, so it was not parsed (%s)", uy_err_name(rc));
	}
	rc = uy_xml_parse(out, &xerr, bytes);
	if (rc == UY_ERR_NOMEM) {
		return rc;
	}
	if (rc == UY_ERR_XML_DOCTYPE) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_XML_DOCTYPE, (uy_loc){part->name, NULL, xerr.line},
		    "Bölüm bir DOCTYPE bildirimi içeriyor; ayrıştırma durduruldu",
		    "The part contains a DOCTYPE declaration; parsing was stopped"));
		return uy_ctx_fail(ctx, parse_check, (uy_loc){part->name, NULL, xerr.line},
		    "Bölüm DOCTYPE içerdiği için ayrıştırılmadı",
		    "The part was not parsed because it contains a DOCTYPE");
	}
	if (rc != UY_OK) {
		return uy_ctx_fail(ctx, parse_check, (uy_loc){part->name, NULL, xerr.line},
		    "XML ayrıştırılamadı: %s", "The XML cannot be parsed: %s", xerr.msg);
	}
	UY_TRY(uy_ctx_pass(ctx, UY_CK_XML_DOCTYPE));
	return uy_ctx_pass(ctx, parse_check);
}

/* see rules.h */
int
uy_rules__type_is(const uy_rel *rel, const char *type)
{
	return rel->type != NULL && strcmp(rel->type, type) == 0;
}

/* see rules.h */
int
uy_rules__type_like(const uy_rel *rel, const char *type)
{
	return rel->type != NULL && strcasecmp(rel->type, type) == 0;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* see rules.h; ST_GUID, anchored: 8-4-4-4-12 hex digits. */
int
uy_rules__is_guid(const char *s)
{
	static const size_t groups[] = {8, 4, 4, 4, 12};

	if (s == NULL) {
		return 0;
	}
	for (size_t g = 0; g < 5; g++) {
		for (size_t i = 0; i < groups[g]; i++, s++) {
			if (!is_hex(*s)) {
				return 0;
			}
		}
		if (g < 4) {
			if (*s != '-') {
				return 0;
			}
			s++;
		}
	}
	return *s == '\0';
}

/* see rules.h */
int
uy_rules__is_upper(const char *s)
{
	for (; s != NULL && *s != '\0'; s++) {
		if (*s >= 'a' && *s <= 'z') {
			return 0;
		}
	}
	return 1;
}

static int
digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return 0;
		}
	}
	return 1;
}

static int
num2(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/* see rules.h; xsd:dateTime: YYYY-MM-DDThh:mm:ss(.s+)?(Z|(+|-)hh:mm)? */
int
uy_rules__is_datetime(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int month = 0;
	int day = 0;

	if (s == NULL || strlen(s) < 19 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2) || s[10] != 'T' || !digits(s + 11, 2) || s[13] != ':' ||
	    !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2)) {
		return 0;
	}
	month = num2(s + 5);
	day = num2(s + 8);
	if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1] || num2(s + 11) > 23 ||
	    num2(s + 14) > 59 || num2(s + 17) > 60) {
		return 0;
	}
	s += 19;
	if (*s == '.') {
		s++;
		if (!digits(s, 1)) {
			return 0;
		}
		while (*s >= '0' && *s <= '9') {
			s++;
		}
	}
	if (*s == 'Z') {
		return s[1] == '\0';
	}
	if (*s == '+' || *s == '-') {
		return strlen(s) == 6 && digits(s + 1, 2) && s[3] == ':' && digits(s + 4, 2) &&
		    num2(s + 1) <= 14 && num2(s + 4) <= 59;
	}
	return *s == '\0';
}

/* see rules.h */
uy_err
uy_rules__fail_at(uy_ctx *ctx, uy_check_id id, const uy_part *part, const xmlNode *node,
    const char *fmt_tr, const char *fmt_en, ...)
{
	va_list ap;
	char *path = NULL;
	uy_err rc = UY_OK;

	if (node != NULL) {
		path = uy_xml_path(node);
		UY_ENSURE(path != NULL, UY_ERR_NOMEM);
	}
	va_start(ap, fmt_en);
	rc = uy_ctx_vfail(ctx, id,
	    (uy_loc){part != NULL ? part->name : NULL, path, node != NULL ? uy_xml_line(node) : 0},
	    fmt_tr, fmt_en, ap);
	va_end(ap);
	uy_free(path);
	return rc;
}

/* see rules.h */
int
uy_rules__hex(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}
