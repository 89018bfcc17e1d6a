/*
 * Structure stage: Core properties, kind and generation, components reached
 * through their relationships (count, location, source, type spelling),
 * unreferenced parts, component content types. See rules.h.
 *
 * Spec: eyazisma-packages.md §2.3-2.4 (Core, kind, generation), §3.1-3.3
 * (relationships, part names, required and optional parts), §11 (K.2, K.4,
 * K.5, K.6, K.12, K.16, K.18, K.26, K.28, K.38, K.68, K.69, K.71, K.73, K.82,
 * K.84, K.98).
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "rules/rules.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_limits.h"

typedef enum { SRC_PACKAGE = 0, SRC_PAKETOZETI, SRC_PARAFOZETI, SRC_NIHAIOZET } comp_source;

/* Multiplicity [min, max] per kind (eyp, eyps, eypg) and generation (1, 2). */
typedef struct {
	unsigned char min, max;
} range;

typedef struct {
	const char *type;       /* relationship type as the guide spells it */
	const char *what;       /* component name for messages */
	comp_source source;     /* where the relationship must come from */
	size_t slot;            /* offsetof(uy_pkginfo, <part pointer>) */
	uy_check_id count_check;
	uy_check_id location_check;
	const char *loc1;       /* exact location in 1.x (NULL: folder rule below) */
	const char *loc2;       /* exact location in 2.x and .eypg */
	const char *folder;     /* required folder when the name is free */
	const char *ctype;      /* expected content type, NULL to not check */
	range mult[3][2];       /* [kind-1][gen-1] */
} comp_spec;

#define R(a, b) {a, b}
#define NONE_ {R(0, 0), R(0, 0)}
#define CT_XML "application/xml"
#define CT_IMZ "application/octet-stream"

static const comp_spec comp_specs[] = {
	{UY_REL_USTYAZI, "UstYazi", SRC_PACKAGE, offsetof(uy_pkginfo, ustyazi), UY_CK_USTYAZI_COUNT,
	    UY_CK_USTYAZI_LOCATION, NULL, NULL, "/UstYazi/", NULL,
	    {{R(1, 1), R(1, 1)}, NONE_, NONE_}},
	{UY_REL_USTVERI, "Ustveri", SRC_PACKAGE, offsetof(uy_pkginfo, ustveri), UY_CK_USTVERI_COUNT,
	    UY_CK_USTVERI_LOCATION, "/Ustveri/Ustveri.xml", "/Ustveri/Ustveri.xml", NULL, CT_XML,
	    {{R(1, 1), R(1, 1)}, NONE_, NONE_}},
	{UY_REL_NIHAIUSTVERI, "NihaiUstveri", SRC_PACKAGE, offsetof(uy_pkginfo, nihaiustveri),
	    UY_CK_NIHAIUSTVERI_COUNT, UY_CK_NIHAIUSTVERI_LOCATION, "/NihaiUstveri/NihaiUstveri.xml",
	    "/NihaiUstveri/NihaiUstveri.xml", NULL, CT_XML, {{R(0, 0), R(1, 1)}, NONE_, NONE_}},
	{UY_REL_BELGEHEDEF, "BelgeHedef", SRC_PACKAGE, offsetof(uy_pkginfo, belgehedef),
	    UY_CK_BELGEHEDEF_COUNT, UY_CK_BELGEHEDEF_LOCATION, "/BelgeHedef/BelgeHedef.xml",
	    "/BelgeHedef/BelgeHedef.xml", NULL, CT_XML,
	    {{R(1, 1), R(0, 0)}, {R(1, 1), R(0, 1)}, NONE_}},
	{UY_REL_BELGEIMZA, "BelgeImza", SRC_PACKAGE, offsetof(uy_pkginfo, belgeimza),
	    UY_CK_BELGEIMZA_COUNT, UY_CK_BELGEIMZA_LOCATION, "/Imzalar/BelgeImza.xml",
	    "/Imzalar/BelgeImza.xml", NULL, CT_XML, {{R(0, 1), R(0, 0)}, NONE_, NONE_}},
	{UY_REL_PAKETOZETI, "PaketOzeti", SRC_PACKAGE, offsetof(uy_pkginfo, paketozeti),
	    UY_CK_PAKETOZETI_COUNT, UY_CK_PAKETOZETI_LOCATION, "/PaketOzeti/PaketOzeti.xml",
	    "/PaketOzeti/PaketOzeti.xml", NULL, CT_XML,
	    {{R(1, 1), R(1, 1)}, {R(1, 1), R(0, 0)}, NONE_}},
	{UY_REL_PARAFOZETI, "ParafOzeti", SRC_PACKAGE, offsetof(uy_pkginfo, parafozeti),
	    UY_CK_PARAFOZETI_COUNT, UY_CK_PARAFOZETI_LOCATION, "/ParafOzeti/ParafOzeti.xml",
	    "/ParafOzeti/ParafOzeti.xml", NULL, CT_XML, {{R(0, 0), R(0, 1)}, NONE_, NONE_}},
	{UY_REL_NIHAIOZET, "NihaiOzet", SRC_PACKAGE, offsetof(uy_pkginfo, nihaiozet),
	    UY_CK_NIHAIOZET_COUNT, UY_CK_NIHAIOZET_LOCATION, "/NihaiOzet/NihaiOzet.xml",
	    "/NihaiOzet/NihaiOzet.xml", NULL, CT_XML,
	    {{R(0, 1), R(1, 1)}, {R(0, 0), R(1, 1)}, {R(1, 1), R(1, 1)}}},
	{UY_REL_IMZACADES, "ImzaCades", SRC_PAKETOZETI, offsetof(uy_pkginfo, imzacades),
	    UY_CK_IMZACADES_COUNT, UY_CK_IMZACADES_LOCATION, "/Imzalar/ImzaCades.imz",
	    "/Imzalar/ImzaCades.imz", NULL, CT_IMZ, {{R(1, 1), R(1, 1)}, NONE_, NONE_}},
	{UY_REL_PARAFIMZACADES, "ParafImzaCades", SRC_PARAFOZETI,
	    offsetof(uy_pkginfo, parafimzacades), UY_CK_PARAFIMZACADES_COUNT,
	    UY_CK_PARAFIMZACADES_LOCATION, "/Paraflar/ParafImzaCades.imz",
	    "/Paraflar/ParafImzaCades.imz", NULL, CT_IMZ, {{R(0, 0), R(0, 1)}, NONE_, NONE_}},
	{UY_REL_MUHURCADES, "MuhurCades", SRC_NIHAIOZET, offsetof(uy_pkginfo, muhurcades),
	    UY_CK_MUHURCADES_COUNT, UY_CK_MUHURCADES_LOCATION, "/Muhurler/MuhurCades.imz",
	    "/Muhur/MuhurCades.imz", NULL, CT_IMZ,
	    {{R(0, 1), R(1, 1)}, NONE_, {R(1, 1), R(1, 1)}}},
	{UY_REL_SIFRELIICERIK, "SifreliIcerik", SRC_PACKAGE, offsetof(uy_pkginfo, sifreliicerik),
	    UY_CK_SIFRELIICERIK_COUNT, UY_CK_SIFRELIICERIK_LOCATION, NULL, NULL, "/SifreliIcerik/",
	    "application/pkcs7-mime", {NONE_, {R(1, 1), R(1, 1)}, NONE_}},
	{UY_REL_SIFRELIICERIKBILGISI, "SifreliIcerikBilgisi", SRC_PACKAGE,
	    offsetof(uy_pkginfo, sifreliicerikbilgisi), UY_CK_SIFRELIICERIKBILGISI_COUNT,
	    UY_CK_SIFRELIICERIKBILGISI_LOCATION, "/SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml",
	    "/SifreliIcerikBilgisi/SifreliIcerikBilgisi.xml", NULL, CT_XML,
	    {NONE_, {R(1, 1), R(1, 1)}, NONE_}},
	{UY_REL_GUNCELLEMEBILGISI, "GuncellemeBilgisi", SRC_PACKAGE,
	    offsetof(uy_pkginfo, guncellemebilgisi), UY_CK_GUNCELLEMEBILGISI_COUNT,
	    UY_CK_GUNCELLEMEBILGISI_LOCATION, "/GuncellemeBilgisi/GuncellemeBilgisi.xml",
	    "/GuncellemeBilgisi/GuncellemeBilgisi.xml", NULL, CT_XML,
	    {NONE_, NONE_, {R(1, 1), R(1, 1)}}},
	{UY_REL_ORIJINALPAKET, "OrijinalPaket", SRC_PACKAGE, offsetof(uy_pkginfo, orijinalpaket),
	    UY_CK_ORIJINALPAKET_COUNT, UY_CK_ORIJINALPAKET_LOCATION, NULL, NULL, "/OrijinalPaket/",
	    "application/x-zip-compressed", {NONE_, NONE_, {R(1, 1), R(1, 1)}}},
};

#define N_COMPS (sizeof(comp_specs) / sizeof(comp_specs[0]))

/* The .rels part each component's relationship belongs in. */
static const char *const source_names[] = {"/_rels/.rels", "/PaketOzeti/_rels/PaketOzeti.xml.rels",
    "/ParafOzeti/_rels/ParafOzeti.xml.rels", "/NihaiOzet/_rels/NihaiOzet.xml.rels"};

static const uy_part **
slot_of(uy_pkginfo *info, const comp_spec *c)
{
	return (const uy_part **)(void *)((char *)info + c->slot);
}

/* The part a relationship's source must be, by the component table. */
static int
source_ok(const uy_rel *rel, comp_source src)
{
	static const char *const names[] = {NULL, "/PaketOzeti/PaketOzeti.xml",
	    "/ParafOzeti/ParafOzeti.xml", "/NihaiOzet/NihaiOzet.xml"};

	if (src == SRC_PACKAGE) {
		return rel->source == NULL;
	}
	/* The summary may itself be misplaced; its own location check says so. */
	if (rel->source == NULL) {
		return 0;
	}
	{
		const char *slash = strrchr(rel->source->name, '/');
		const char *want = strrchr(names[src], '/');
		return slash != NULL && strcasecmp(slash, want) == 0;
	}
}

static int
is_known_type(const uy_rel *rel, int *exact)
{
	static const char *const others[] = {UY_REL_EK, UY_REL_IMZASIZEK, UY_REL_CORE, UY_REL_ARSIV};

	for (size_t i = 0; i < N_COMPS; i++) {
		if (uy_rules__type_like(rel, comp_specs[i].type)) {
			*exact = uy_rules__type_is(rel, comp_specs[i].type);
			return 1;
		}
	}
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		if (uy_rules__type_like(rel, others[i])) {
			*exact = uy_rules__type_is(rel, others[i]);
			return 1;
		}
	}
	return 0;
}

static const char *
guide_spelling(const uy_rel *rel)
{
	static const char *const all[] = {UY_REL_USTYAZI, UY_REL_USTVERI, UY_REL_NIHAIUSTVERI,
	    UY_REL_BELGEHEDEF, UY_REL_BELGEIMZA, UY_REL_PAKETOZETI, UY_REL_PARAFOZETI,
	    UY_REL_NIHAIOZET, UY_REL_IMZACADES, UY_REL_PARAFIMZACADES, UY_REL_MUHURCADES, UY_REL_EK,
	    UY_REL_IMZASIZEK, UY_REL_SIFRELIICERIK, UY_REL_SIFRELIICERIKBILGISI,
	    UY_REL_GUNCELLEMEBILGISI, UY_REL_ORIJINALPAKET, UY_REL_ARSIV, UY_REL_CORE};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (uy_rules__type_like(rel, all[i])) {
			return all[i];
		}
	}
	return "";
}

static const char *
rel_where(const uy_rel *rel)
{
	return rel->rels_part != NULL ? rel->rels_part->name : "/_rels/.rels";
}

/* Relationship-level checks: type spelling, unknown types, dangling targets. */
static uy_err
structure_relationships(uy_ctx *ctx, uy_pkg *pkg)
{
	size_t n = uy_pkg_rel_count(pkg);

	for (size_t i = 0; i < n; i++) {
		const uy_rel *rel = uy_pkg_rel_at(pkg, i);
		uy_loc loc = {rel_where(rel), NULL, rel->line};
		int exact = 0;

		if (!is_known_type(rel, &exact)) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_REL_UNKNOWN, loc,
			    "Tanımsız ilişki türü '%s' (Id '%s')",
			    "Undefined relationship type '%s' (Id '%s')", rel->type != NULL ? rel->type : "",
			    rel->id != NULL ? rel->id : ""));
			continue;
		}
		UY_TRY(uy_ctx_pass(ctx, UY_CK_REL_UNKNOWN));
		if (!exact) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_REL_TYPE_CASE, loc,
			    "İlişki türü '%s' rehberdeki '%s' yazımından büyük/küçük harfle ayrılıyor (Id '%s'); bileşen yine de bulundu",
			    "Relationship type '%s' differs in letter case from the guide's '%s' (Id '%s'); the component was still found",
			    rel->type, guide_spelling(rel), rel->id != NULL ? rel->id : ""));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_REL_TYPE_CASE));
		}
		if (rel->external) {
			continue;
		}
		/* Dangling targets: ParafImzaCades may be stripped (spec §7), and an
		 * attachment may be left out for a recipient (KonulmamisEk), which
		 * is judged after the metadata stage in uy_rules__core_cross. */
		if (uy_rules__type_like(rel, UY_REL_PARAFIMZACADES) ||
		    uy_rules__type_like(rel, UY_REL_EK)) {
			continue;
		}
		if (rel->target_part == NULL) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_REL_TARGET_MISSING, loc,
			    "'%s' ilişkisinin hedefi '%s' pakette yok",
			    "The target '%s' of relationship '%s' is not in the package",
			    rel->resolved != NULL ? rel->resolved : rel->target, rel->id != NULL ? rel->id : ""));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_REL_TARGET_MISSING));
		}
	}
	return UY_OK;
}

/* Parse Core, read its properties, and derive the kind from category. */
static uy_err
structure_core(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info, char **category_out)
{
	size_t n = uy_pkg_rel_count(pkg);
	const uy_rel *core_rel = NULL;
	size_t n_core = 0;
	xmlNodePtr root = NULL;
	char *content_type = NULL;
	char *created = NULL;
	char *creator = NULL;
	uy_err rc = UY_OK;

	*category_out = NULL;
	for (size_t i = 0; i < n; i++) {
		const uy_rel *rel = uy_pkg_rel_at(pkg, i);
		if (rel->source == NULL && uy_rules__type_like(rel, UY_REL_CORE)) {
			n_core++;
			if (core_rel == NULL) {
				core_rel = rel;
			}
		}
	}
	if (core_rel == NULL || core_rel->target_part == NULL) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_CORE_MISSING, UY_LOC_PART("/_rels/.rels"),
		    "core-properties ilişkisi veya hedef bölümü yok",
		    "No core-properties relationship, or its target part is missing"));
		return uy_ctx_skip(ctx, UY_CK_CORE_MALFORMED, UY_LOC_NONE,
		    "Core bölümü bulunamadı", "The Core part was not found");
	}
	if (n_core > 1) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_CORE_MISSING, UY_LOC_PART("/_rels/.rels"),
		    "%zu core-properties ilişkisi var; tam bir tane olmalı",
		    "%zu core-properties relationships; there must be exactly one", n_core));
	} else {
		UY_TRY(uy_ctx_pass(ctx, UY_CK_CORE_MISSING));
	}
	info->core = core_rel->target_part;
	UY_TRY(uy_rules__parse_xml(ctx, pkg, info->core, UY_CK_CORE_MALFORMED, &info->core_doc));
	if (info->core_doc == NULL) {
		return UY_OK;
	}
	root = xmlDocGetRootElement(info->core_doc);
	if (!uy_xml_is(root, UY_NS_CORE, "coreProperties")) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_CORE_MALFORMED, UY_LOC_PART(info->core->name),
		    "Kök öğe {%s}coreProperties değil",
		    "The root element is not {%s}coreProperties", UY_NS_CORE));
		xmlFreeDoc(info->core_doc);
		info->core_doc = NULL;
		return UY_OK;
	}
	*category_out = uy_xml_text(uy_xml_child(root, UY_NS_CORE, "category"));
	info->core_version = uy_xml_text(uy_xml_child(root, UY_NS_CORE, "version"));
	info->core_identifier = uy_xml_text(uy_xml_child(root, UY_NS_DC, "identifier"));
	info->core_subject = uy_xml_text(uy_xml_child(root, UY_NS_DC, "subject"));
	content_type = uy_xml_text(uy_xml_child(root, UY_NS_CORE, "contentType"));
	created = uy_xml_text(uy_xml_child(root, UY_NS_DCTERMS, "created"));
	creator = uy_xml_text(uy_xml_child(root, UY_NS_DC, "creator"));

	if (content_type == NULL || strcmp(content_type, "application/eyazisma") != 0) {
		UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_CORE_CONTENT_TYPE, UY_LOC_PART(info->core->name),
		    "contentType '%s'; 'application/eyazisma' olmalı",
		    "contentType is '%s'; it must be 'application/eyazisma'",
		    content_type != NULL ? content_type : "(yok/absent)"));
	} else {
		UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_CORE_CONTENT_TYPE));
	}
	/* The gen-independent part of required properties; identifier and
	 * created in .eyps are judged by the eyps stage (WARN there). */
	{
		const char *missing[3];
		size_t nm = 0;
		if (info->core_version == NULL || info->core_version[0] == '\0') {
			missing[nm++] = "version";
		}
		if (creator == NULL || creator[0] == '\0') {
			missing[nm++] = "creator";
		}
		if ((created == NULL || created[0] == '\0') && *category_out != NULL &&
		    strcmp(*category_out, "RESMIYAZISMA/SIFRELI") != 0) {
			missing[nm++] = "created";
		}
		if (nm > 0) {
			UY_TRY_OUT(uy_ctx_fail(ctx, UY_CK_CORE_REQUIRED, UY_LOC_PART(info->core->name),
			    "Eksik veya boş Core özellikleri: %s%s%s%s%s",
			    "Missing or empty Core properties: %s%s%s%s%s", missing[0],
			    nm > 1 ? ", " : "", nm > 1 ? missing[1] : "", nm > 2 ? ", " : "",
			    nm > 2 ? missing[2] : ""));
		} else {
			UY_TRY_OUT(uy_ctx_pass(ctx, UY_CK_CORE_REQUIRED));
		}
	}
done:
	uy_free(content_type);
	uy_free(created);
	uy_free(creator);
	return rc;
}

static uy_kind
kind_of_category(const char *category)
{
	if (category == NULL) {
		return UY_KIND_UNKNOWN;
	}
	if (strcmp(category, "RESMIYAZISMA") == 0) {
		return UY_KIND_EYP;
	}
	if (strcmp(category, "RESMIYAZISMA/SIFRELI") == 0) {
		return UY_KIND_EYPS;
	}
	if (strcmp(category, "RESMIYAZISMA/GUNCELLEME") == 0) {
		return UY_KIND_EYPG;
	}
	return UY_KIND_UNKNOWN;
}

static const char *
kind_ext(uy_kind k)
{
	return k == UY_KIND_EYPS ? ".eyps" : k == UY_KIND_EYPG ? ".eypg" : ".eyp";
}

/* Kind from category, cross-checked with the relationships (spec §2.4). */
static uy_err
structure_kind(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info, const char *category)
{
	int has_sifreli = 0;
	int has_orijinal = 0;
	uy_kind by_rels = UY_KIND_EYP;
	uy_kind by_cat = kind_of_category(category);
	const char *where = info->core != NULL ? info->core->name : NULL;

	for (size_t i = 0; i < uy_pkg_rel_count(pkg); i++) {
		const uy_rel *rel = uy_pkg_rel_at(pkg, i);
		has_sifreli |= uy_rules__type_like(rel, UY_REL_SIFRELIICERIK);
		has_orijinal |= uy_rules__type_like(rel, UY_REL_ORIJINALPAKET);
	}
	if (has_sifreli) {
		by_rels = UY_KIND_EYPS;
	} else if (has_orijinal) {
		by_rels = UY_KIND_EYPG;
	}
	if (info->core_doc == NULL) {
		UY_TRY(uy_ctx_skip(ctx, UY_CK_KIND_UNKNOWN, UY_LOC_NONE,
		    "Core okunamadı; tür ilişkilerden çıkarıldı",
		    "Core could not be read; the kind was inferred from the relationships"));
		UY_TRY(uy_ctx_skip(ctx, UY_CK_KIND_MISMATCH, UY_LOC_NONE, "Core okunamadı",
		    "Core could not be read"));
		info->kind = by_rels;
	} else if (by_cat == UY_KIND_UNKNOWN) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_KIND_UNKNOWN, UY_LOC_PART(where),
		    "Core category '%s' tanımlı değil; tür ilişkilerden çıkarıldı (%s)",
		    "Core category '%s' is not defined; the kind was inferred from the relationships (%s)",
		    category != NULL ? category : "(yok/absent)", kind_ext(by_rels)));
		info->kind = by_rels;
	} else {
		UY_TRY(uy_ctx_pass(ctx, UY_CK_KIND_UNKNOWN));
		info->kind = by_cat;
		if (by_cat != by_rels) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_KIND_MISMATCH, UY_LOC_PART(where),
			    "Core category '%s' bir %s paketi diyor, ilişkiler bir %s paketi gösteriyor",
			    "Core category '%s' says %s, the relationships show %s", category,
			    kind_ext(by_cat), kind_ext(by_rels)));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_KIND_MISMATCH));
		}
	}
	/* The extension is only meaningful for files (inner parts have none). */
	if (!info->is_inner && info->file_ext != NULL) {
		if (strcasecmp(info->file_ext, kind_ext(info->kind)) != 0) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_KIND_EXTENSION, UY_LOC_NONE,
			    "Dosya uzantısı '%s', paket türü %s",
			    "The file extension is '%s', the package kind is %s", info->file_ext,
			    kind_ext(info->kind)));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_KIND_EXTENSION));
		}
	}
	return UY_OK;
}

static uy_gen
gen_of_version(const char *v)
{
	if (v == NULL) {
		return UY_GEN_UNKNOWN;
	}
	if (v[0] == '1' && (v[1] == '\0' || v[1] == '.')) {
		return UY_GEN_1;
	}
	if (v[0] == '2' && (v[1] == '\0' || v[1] == '.')) {
		return UY_GEN_2;
	}
	return UY_GEN_UNKNOWN;
}

/* Generation from Core version and from the Ustveri namespace (spec §2.4). */
static uy_err
structure_generation(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	const char *where = info->core != NULL ? info->core->name : NULL;

	info->gen_core = gen_of_version(info->core_version);
	if (info->ustveri != NULL) {
		UY_TRY(uy_rules__parse_xml(ctx, pkg, info->ustveri, UY_CK_USTVERI_MALFORMED,
		    &info->ustveri_doc));
	}
	if (info->ustveri_doc != NULL) {
		const char *ns = uy_xml_ns(xmlDocGetRootElement(info->ustveri_doc));
		if (ns != NULL && strcmp(ns, UY_NS_EY_PREFIX "Ustveri-1") == 0) {
			info->gen_ustveri = UY_GEN_1;
		} else if (ns != NULL && strcmp(ns, UY_NS_EY_PREFIX "Ustveri-2") == 0) {
			info->gen_ustveri = UY_GEN_2;
		}
	}
	info->gen = info->gen_core != UY_GEN_UNKNOWN ? info->gen_core : info->gen_ustveri;
	if (info->gen_core == UY_GEN_UNKNOWN && info->gen != UY_GEN_UNKNOWN &&
	    info->core_version != NULL && info->core_version[0] != '\0') {
		/* The generation is the first field of Core version (spec §2.4). */
		UY_TRY(uy_ctx_fail(ctx, UY_CK_GEN_UNKNOWN, UY_LOC_PART(where),
		    "Core version '%s' tanınmıyor (1.x veya 2.x olmalı); Ustveri ad alanına göre %d.x kuralları uygulandı",
		    "Core version '%s' is not recognised (it must be 1.x or 2.x); %d.x rules were applied from the Ustveri namespace",
		    info->core_version, (int)info->gen));
	} else if (info->gen == UY_GEN_UNKNOWN) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_GEN_UNKNOWN, UY_LOC_PART(where),
		    "Sürüm belirlenemedi (Core version '%s', Ustveri ad alanı tanınmadı); 2.x kuralları uygulandı",
		    "The generation cannot be determined (Core version '%s', Ustveri namespace not recognised); 2.x rules were applied",
		    info->core_version != NULL ? info->core_version : "(yok/absent)"));
		info->gen = UY_GEN_2;
	} else {
		UY_TRY(uy_ctx_pass(ctx, UY_CK_GEN_UNKNOWN));
	}
	if (info->gen_core != UY_GEN_UNKNOWN && info->gen_ustveri != UY_GEN_UNKNOWN) {
		if (info->gen_core != info->gen_ustveri) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_GEN_MISMATCH, UY_LOC_PART(where),
			    "Core version '%s' %d.x diyor, Ustveri ad alanı %d.x",
			    "Core version '%s' says %d.x, the Ustveri namespace %d.x", info->core_version,
			    (int)info->gen_core, (int)info->gen_ustveri));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_GEN_MISMATCH));
		}
	}
	return UY_OK;
}

static int
has_prefix_ci(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Count, source and location of each component (spec §3.3). */
static uy_err
structure_components(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	size_t n = uy_pkg_rel_count(pkg);
	size_t ki = info->kind == UY_KIND_EYPS ? 1 : info->kind == UY_KIND_EYPG ? 2 : 0;
	size_t gi = info->gen == UY_GEN_1 ? 0 : 1;

	for (size_t c = 0; c < N_COMPS; c++) {
		const comp_spec *cs = &comp_specs[c];
		range want = cs->mult[ki][gi];
		size_t count = 0;
		const uy_rel *first = NULL;
		uy_loc loc = UY_LOC_NONE;

		for (size_t i = 0; i < n; i++) {
			const uy_rel *rel = uy_pkg_rel_at(pkg, i);
			if (!uy_rules__type_like(rel, cs->type)) {
				continue;
			}
			if (!source_ok(rel, cs->source)) {
				UY_TRY(uy_ctx_fail(ctx, UY_CK_REL_SOURCE,
				    (uy_loc){rel_where(rel), NULL, rel->line},
				    "%s ilişkisi (Id '%s') %s içinde olmalı",
				    "The %s relationship (Id '%s') must be in %s", cs->what,
				    rel->id != NULL ? rel->id : "", source_names[cs->source]));
				continue;
			}
			UY_TRY(uy_ctx_pass(ctx, UY_CK_REL_SOURCE));
			if (strcmp(cs->type, UY_REL_PARAFIMZACADES) == 0) {
				info->parafimzacades_declared = 1;
			}
			count++;
			if (first == NULL) {
				first = rel;
			}
		}
		loc = UY_LOC_PART(first != NULL ? rel_where(first) : "/_rels/.rels");
		if (count < want.min || count > want.max) {
			if (want.max == 0) {
				UY_TRY(uy_ctx_fail(ctx, cs->count_check, loc,
				    "Bu türde (%s, %d.x) %s bulunmamalı; %zu tane var",
				    "This kind (%s, %d.x) must have no %s; it has %zu", kind_ext(info->kind),
				    (int)info->gen, cs->what, count));
			} else if (count == 0) {
				UY_TRY(uy_ctx_fail(ctx, cs->count_check, loc,
				    "%s yok (%s, %d.x için zorunlu)",
				    "%s is missing (required in %s, %d.x)", cs->what, kind_ext(info->kind),
				    (int)info->gen));
			} else {
				UY_TRY(uy_ctx_fail(ctx, cs->count_check, loc,
				    "%zu adet %s ilişkisi var; en çok %u olmalı",
				    "%zu %s relationships; at most %u allowed", count, cs->what,
				    (unsigned)want.max));
			}
		} else if (want.max > 0) {
			UY_TRY(uy_ctx_pass(ctx, cs->count_check));
		}
		/* A component that must be absent is already reported. */
		if (first == NULL || want.max == 0) {
			if (first != NULL && first->target_part != NULL) {
				*slot_of(info, cs) = first->target_part;
			}
			continue;
		}
		/* A missing target is judged by the relationship's resolved name
		 * (ParafImzaCades may be stripped, spec §7); the absence itself is
		 * eyp::rel::target-missing. */
		if (first->target_part == NULL && first->resolved == NULL) {
			UY_TRY(uy_ctx_skip(ctx, cs->location_check, loc,
			    "%s ilişkisinin hedefi çözülemedi", "The %s relationship's target cannot be resolved",
			    cs->what));
			continue;
		}
		*slot_of(info, cs) = first->target_part;
		{
			const char *name = first->target_part != NULL ? first->target_part->name : first->resolved;
			const char *exact = info->gen == UY_GEN_1 && info->kind != UY_KIND_EYPG ? cs->loc1
			                                                                       : cs->loc2;
			int ok = 1;
			if (exact != NULL) {
				ok = uy_opc_name_cmp(name, exact) == 0;
			} else if (cs->folder != NULL) {
				ok = has_prefix_ci(name, cs->folder) &&
				    strchr(name + strlen(cs->folder), '/') == NULL;
			}
			if (!ok) {
				UY_TRY(uy_ctx_fail(ctx, cs->location_check, UY_LOC_PART(name),
				    "%s '%s' konumunda; '%s' olmalı",
				    "%s is at '%s'; it must be '%s'", cs->what, name,
				    exact != NULL ? exact : cs->folder));
			} else {
				UY_TRY(uy_ctx_pass(ctx, cs->location_check));
			}
			if (cs->ctype != NULL && first->target_part != NULL &&
			    first->target_part->content_type != NULL) {
				if (strcasecmp(first->target_part->content_type, cs->ctype) != 0) {
					UY_TRY(uy_ctx_fail(ctx, UY_CK_CT_COMPONENT, UY_LOC_PART(name),
					    "%s içerik türü '%s'; '%s' bekleniyor",
					    "%s has content type '%s'; '%s' is expected", cs->what,
					    first->target_part->content_type, cs->ctype));
				} else {
					UY_TRY(uy_ctx_pass(ctx, UY_CK_CT_COMPONENT));
				}
			}
		}
	}
	return UY_OK;
}

/* Attachments (ek, imzasizEk): collect and check their folders (K.12). */
static uy_err
structure_attachments(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	size_t n = uy_pkg_rel_count(pkg);

	info->ekler = uy_calloc(n + 1, sizeof(*info->ekler));
	info->imzasiz_ekler = uy_calloc(n + 1, sizeof(*info->imzasiz_ekler));
	UY_ENSURE(info->ekler != NULL && info->imzasiz_ekler != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < n; i++) {
		const uy_rel *rel = uy_pkg_rel_at(pkg, i);
		int signed_ek = uy_rules__type_like(rel, UY_REL_EK);
		int unsigned_ek = uy_rules__type_like(rel, UY_REL_IMZASIZEK);
		const char *folder = signed_ek ? "/Ekler/" : "/ImzasizEkler/";
		uy_check_id check = signed_ek ? UY_CK_EK_LOCATION : UY_CK_IMZASIZEK_LOCATION;

		if ((!signed_ek && !unsigned_ek) || rel->external) {
			continue;
		}
		if (!source_ok(rel, SRC_PACKAGE)) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_REL_SOURCE, (uy_loc){rel_where(rel), NULL, rel->line},
			    "Ek ilişkisi (Id '%s') paket ilişkilerinde olmalı",
			    "The attachment relationship (Id '%s') must be a package relationship",
			    rel->id != NULL ? rel->id : ""));
			continue;
		}
		if (signed_ek) {
			info->ekler[info->n_ekler].part = rel->target_part;
			info->ekler[info->n_ekler].rel = rel;
			info->n_ekler++;
		} else {
			info->imzasiz_ekler[info->n_imzasiz_ekler].part = rel->target_part;
			info->imzasiz_ekler[info->n_imzasiz_ekler].rel = rel;
			info->n_imzasiz_ekler++;
		}
		{
			const char *name = rel->target_part != NULL ? rel->target_part->name : rel->resolved;
			if (name == NULL) {
				continue;
			}
			if (!has_prefix_ci(name, folder) || strchr(name + strlen(folder), '/') != NULL) {
				UY_TRY(uy_ctx_fail(ctx, check, UY_LOC_PART(name),
				    "Ek '%s' konumunda; %s klasöründe olmalı",
				    "The attachment is at '%s'; it must be in %s", name, folder));
			} else {
				UY_TRY(uy_ctx_pass(ctx, check));
			}
		}
	}
	return UY_OK;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}


struct head_probe {
	uint8_t head[8];
	size_t n;
};

/* Collects the first bytes, then stops the stream (UY_ERR_TRAILING_DATA). */
static uy_err
head_cb(const uint8_t *data, size_t len, void *payload)
{
	struct head_probe *p = payload;
	size_t take = sizeof(p->head) - p->n;

	if (take > len) {
		take = len;
	}
	memcpy(p->head + p->n, data, take);
	p->n += take;
	return p->n == sizeof(p->head) ? UY_ERR_TRAILING_DATA : UY_OK;
}

/* UstYazi name (K.5) and PDF header (K.6). */
static uy_err
structure_ustyazi(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	const char *name = NULL;
	const char *base = NULL;
	struct head_probe probe;
	uy_err rc = UY_OK;

	if (info->ustyazi == NULL) {
		return UY_OK;
	}
	name = info->ustyazi->name;
	base = strrchr(name, '/');
	base = base != NULL ? base + 1 : name;
	{
		/* Part names are percent-encoded (ECMA-376-2 §9.1.1.1): "%20" is a space. */
		int ws = 0;
		char *decoded = uy_alloc(strlen(base) + 1);
		size_t n = 0;
		UY_ENSURE(decoded != NULL, UY_ERR_NOMEM);
		for (const char *p = base; *p != '\0'; p++) {
			unsigned char c = (unsigned char)*p;
			if (c == '%' && uy_rules__hex(p[1]) >= 0 && uy_rules__hex(p[2]) >= 0) {
				c = (unsigned char)(uy_rules__hex(p[1]) * 16 + uy_rules__hex(p[2]));
				p += 2;
			}
			ws |= is_space(c);
			decoded[n++] = c == '\0' ? '?' : (char)c;
		}
		decoded[n] = '\0';
		if (ws) {
			rc = uy_ctx_fail(ctx, UY_CK_USTYAZI_NAME, UY_LOC_PART(name),
			    "Üst yazı adı '%s' boşluk içeriyor", "The cover letter name '%s' contains whitespace",
			    decoded);
			uy_free(decoded);
			UY_TRY(rc);
		} else {
			uy_free(decoded);
			UY_TRY(uy_ctx_pass(ctx, UY_CK_USTYAZI_NAME));
		}
	}
	memset(&probe, 0, sizeof(probe));
	rc = uy_pkg_stream_part(pkg, ctx, info->ustyazi, head_cb, &probe);
	if (rc == UY_ERR_NOMEM) {
		return rc;
	}
	if (rc != UY_OK && rc != UY_ERR_TRAILING_DATA) {
		return uy_ctx_skip(ctx, UY_CK_USTYAZI_PDF, UY_LOC_PART(name),
		    "Üst yazı okunamadı", "The cover letter could not be read");
	}
	if (probe.n < 5 || memcmp(probe.head, "%PDF-", 5) != 0) {
		return uy_ctx_fail(ctx, UY_CK_USTYAZI_PDF, UY_LOC_PART(name),
		    "Üst yazı '%%PDF-' ile başlamıyor; PDF değil",
		    "The cover letter does not start with '%%PDF-'; it is not a PDF");
	}
	return uy_ctx_pass(ctx, UY_CK_USTYAZI_PDF);
}

/* Parts no relationship reaches (content types and .rels excluded). */
static uy_err
structure_unreferenced(uy_ctx *ctx, uy_pkg *pkg)
{
	size_t np = uy_pkg_part_count(pkg);
	size_t nr = uy_pkg_rel_count(pkg);

	for (size_t i = 0; i < np; i++) {
		const uy_part *part = uy_pkg_part_at(pkg, i);
		int reached = 0;
		if (!part->usable || part->is_rels || part->is_content_types) {
			continue;
		}
		for (size_t j = 0; j < nr && !reached; j++) {
			reached = uy_pkg_rel_at(pkg, j)->target_part == part;
		}
		if (!reached) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_PART_ORPHAN, UY_LOC_PART(part->name),
			    "'%s' bölümüne hiçbir ilişki ulaşmıyor",
			    "No relationship reaches the part '%s'", part->name));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_PART_ORPHAN));
		}
	}
	return UY_OK;
}

/* see rules.h */
uy_err
uy_rules__structure(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	char *category = NULL;
	uy_err rc = UY_OK;

	UY_TRY_OUT(structure_relationships(ctx, pkg));
	UY_TRY_OUT(structure_core(ctx, pkg, info, &category));
	UY_TRY_OUT(structure_kind(ctx, pkg, info, category));
	/* Ustveri is located first so its namespace can tell the generation. */
	for (size_t i = 0; i < uy_pkg_rel_count(pkg); i++) {
		const uy_rel *rel = uy_pkg_rel_at(pkg, i);
		if (rel->source == NULL && uy_rules__type_like(rel, UY_REL_USTVERI) &&
		    rel->target_part != NULL) {
			info->ustveri = rel->target_part;
			break;
		}
	}
	UY_TRY_OUT(structure_generation(ctx, pkg, info));
	UY_TRY_OUT(structure_components(ctx, pkg, info));
	UY_TRY_OUT(structure_attachments(ctx, pkg, info));
	UY_TRY_OUT(structure_ustyazi(ctx, pkg, info));
	UY_TRY_OUT(structure_unreferenced(ctx, pkg));
done:
	uy_free(category);
	return rc;
}

/* Name of a part without its folder. */
static const char *
base_name(const char *name)
{
	const char *slash = strrchr(name, '/');
	return slash != NULL ? slash + 1 : name;
}

/* Which Ek entry an attachment relationship stands for: relationship Id
 * IdEk_<Ek Id> (the reference writers' convention), else the file name. */
static const uy_ek_entry *
ek_of_rel(const uy_pkginfo *info, const uy_rel *rel)
{
	const char *target = rel->resolved != NULL ? rel->resolved : rel->target;

	for (size_t i = 0; i < info->n_ek_entries; i++) {
		const uy_ek_entry *e = &info->ek_entries[i];
		if (rel->id != NULL && e->id != NULL && strncasecmp(rel->id, "IdEk_", 5) == 0 &&
		    strcasecmp(rel->id + 5, e->id) == 0) {
			return e;
		}
	}
	for (size_t i = 0; i < info->n_ek_entries; i++) {
		const uy_ek_entry *e = &info->ek_entries[i];
		if (target != NULL && e->dosya_adi != NULL &&
		    strcasecmp(base_name(target), e->dosya_adi) == 0) {
			return e;
		}
	}
	return NULL;
}

/* see rules.h: Core vs Ustveri (K.68, K.69, K.80) and dangling attachment
 * relationships, tolerated when the Ek is left out for a recipient. */
uy_err
uy_rules__core_cross(uy_ctx *ctx, uy_pkg *pkg, uy_pkginfo *info)
{
	const char *core = info->core != NULL ? info->core->name : NULL;

	for (size_t i = 0; i < info->n_ekler; i++) {
		const uy_rel *rel = info->ekler[i].rel;
		const uy_ek_entry *e = NULL;
		if (info->ekler[i].part != NULL) {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_REL_TARGET_MISSING));
			continue;
		}
		e = ek_of_rel(info, rel);
		if (e != NULL && e->konulmamis) {
			continue; /* spec §7: KonulmamisEk attachments may be absent */
		}
		UY_TRY(uy_ctx_fail(ctx, UY_CK_REL_TARGET_MISSING, (uy_loc){rel_where(rel), NULL, rel->line},
		    "Ek ilişkisinin (Id '%s') hedefi '%s' pakette yok ve ek KonulmamisEkListesi'nde değil",
		    "The target '%s' of attachment relationship '%s' is not in the package and the attachment is not in a KonulmamisEkListesi",
		    rel->resolved != NULL ? rel->resolved : rel->target, rel->id != NULL ? rel->id : ""));
	}
	if (info->kind != UY_KIND_EYP || info->core_doc == NULL) {
		return UY_OK;
	}
	if (info->belge_id == NULL) {
		UY_TRY(uy_ctx_skip(ctx, UY_CK_CORE_IDENTIFIER, UY_LOC_PART(core),
		    "Ustveri/BelgeId okunamadı", "Ustveri/BelgeId could not be read"));
	} else if (info->core_identifier == NULL ||
	    strcasecmp(info->core_identifier, info->belge_id) != 0) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_CORE_IDENTIFIER, UY_LOC_PART(core),
		    "Core identifier '%s', BelgeId '%s'", "Core identifier is '%s', BelgeId is '%s'",
		    info->core_identifier != NULL ? info->core_identifier : "(yok/absent)",
		    info->belge_id));
	} else {
		UY_TRY(uy_ctx_pass(ctx, UY_CK_CORE_IDENTIFIER));
	}
	if (info->gen == UY_GEN_2 && info->core_identifier != NULL) {
		if (!uy_rules__is_guid(info->core_identifier) ||
		    !uy_rules__is_upper(info->core_identifier)) {
			UY_TRY(uy_ctx_fail(ctx, UY_CK_CORE_IDENTIFIER_UPPER, UY_LOC_PART(core),
			    "Core identifier '%s' büyük harfli bir GUID değil",
			    "Core identifier '%s' is not an uppercase GUID", info->core_identifier));
		} else {
			UY_TRY(uy_ctx_pass(ctx, UY_CK_CORE_IDENTIFIER_UPPER));
		}
	}
	if (info->konu == NULL) {
		UY_TRY(uy_ctx_skip(ctx, UY_CK_CORE_SUBJECT, UY_LOC_PART(core),
		    "Ustveri/Konu okunamadı", "Ustveri/Konu could not be read"));
	} else if (info->core_subject == NULL || strcmp(info->core_subject, info->konu) != 0) {
		UY_TRY(uy_ctx_fail(ctx, UY_CK_CORE_SUBJECT, UY_LOC_PART(core),
		    "Core subject '%s', Ustveri/Konu '%s'", "Core subject is '%s', Ustveri/Konu is '%s'",
		    info->core_subject != NULL ? info->core_subject : "(yok/absent)", info->konu));
	} else {
		UY_TRY(uy_ctx_pass(ctx, UY_CK_CORE_SUBJECT));
	}
	(void)pkg;
	return UY_OK;
}
