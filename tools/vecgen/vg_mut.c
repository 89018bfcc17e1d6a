/*
 * uy-vecgen: the mutations and the vector table; see vg.h.
 *
 * Each vector is a baseline plus one named mutation. Unless the mutation is
 * about digests or signatures, the result is re-sealed, so only the intended
 * defect remains. The expected outcome of every vector is in
 * testsuites/selftest/manifest.xml.
 */
#include "vg_mut.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <openssl/cms.h>

#include "uyum/uy_alloc.h"

/* ---- helpers ---- */

/* Stage of a summary type, for re-sealing after it. */
static vg_stage
mut_stage(const char *type)
{
	if (strcasecmp(type, "parafozeti") == 0) {
		return VG_STAGE_PARAF;
	}
	if (strcasecmp(type, "paketozeti") == 0) {
		return VG_STAGE_PAKET;
	}
	return VG_STAGE_NIHAI;
}

/* Signature relationship type of a summary type. */
static const char *
mut_sig_of(const char *type)
{
	switch (mut_stage(type)) {
	case VG_STAGE_PARAF:
		return VG_REL_PREFIX "parafimzacades";
	case VG_STAGE_PAKET:
		return VG_REL_PREFIX "imzacades";
	case VG_STAGE_NIHAI:
	default:
		return VG_REL_PREFIX "muhurcades";
	}
}

/* Summary type that a signature type hangs from. */
static const char *
mut_summary_of_sig(const char *sig)
{
	if (strcasecmp(sig, "parafimzacades") == 0) {
		return "parafozeti";
	}
	if (strcasecmp(sig, "imzacades") == 0) {
		return "paketozeti";
	}
	if (strcasecmp(sig, "muhurcades") == 0) {
		return "nihaiozet";
	}
	return NULL;
}

/* Sign the (already changed) summary of `type` and re-seal the later stages. */
static uy_err
mut_resign_after(const vg_ctx *g, vg_pkg *p, const char *type)
{
	char *part = vgm_part(p, type);
	uy_err rc = UY_OK;

	UY_ENSURE(part != NULL, UY_ERR_NOT_FOUND);
	rc = vg_sign_summary(g, p, part, mut_sig_of(type));
	uy_free(part);
	UY_TRY(rc);
	vg_stage s = mut_stage(type);
	if (s == VG_STAGE_NIHAI) {
		return UY_OK;
	}
	return vg_reseal_from(g, p, (vg_stage)(s + 1));
}

/* Source part of a component's relationship: "/" or the summary it hangs from (owned). */
static char *
mut_source_of(const vg_pkg *p, const char *type)
{
	const char *sum = mut_summary_of_sig(type);

	if (sum == NULL) {
		return uy_strdup("/");
	}
	return vgm_part(p, sum);
}

/* Full relationship type URI of a guide type name (owned). */
static char *
mut_type_uri(const char *type)
{
	if (strcmp(type, "core") == 0) {
		return uy_strdup(VG_REL_CORE);
	}
	return uy_asprintf(VG_REL_PREFIX "%s", type);
}

/* ---- generic edits ---- */

/* Replace arg by arg2 (first occurrence) in Ustveri. */
static uy_err
mut_ust(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vgm_ust(p, v->arg, v->arg2);
}

/* Replace arg2 by arg3 (first occurrence) in the part reached by package relationship type arg. */
static uy_err
mut_edit(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vgm_edit(p, v->arg, v->arg2, v->arg3);
}

/* Replace arg2 by arg3 in the part named arg. */
static uy_err
mut_edit_part(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vg_replace(p, v->arg, v->arg2, v->arg3, 0);
}

/* An external entity (XXE) declared in a DOCTYPE and referenced in the
 * content of the .rels part arg. No digest covers a .rels part, so nothing
 * is re-sealed and vecgen never parses the result. */
static uy_err
mut_xxe(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	UY_TRY(vg_replace(p, v->arg, "\"><Relationship ", "\">&xxe;<Relationship ", 0));
	return vg_replace(p, v->arg, "<Relationships ",
	    "<!DOCTYPE Relationships [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Relationships ", 0);
}

/* Flip one bit in the middle of part arg (after sealing: a digest mismatch). */
static uy_err
mut_flip(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	vg_entry *e = vg_find(p, v->arg);

	(void)g;
	if (e == NULL || e->len == 0) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no part %s", v->arg);
	}
	e->data[e->len / 2] ^= 0x01;
	return UY_OK;
}

/* Cut part of type arg in the middle, so it is not well-formed. Summaries
 * are then signed as they are and the later stages re-sealed. */
static uy_err
mut_truncate(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	char *part = vgm_part(p, v->arg);
	uy_err rc = UY_OK;

	UY_ENSURE(part != NULL, UY_ERR_NOT_FOUND);
	vg_entry *e = vg_find(p, part);
	uy_free(part);
	UY_ENSURE(e != NULL, UY_ERR_NOT_FOUND);
	e->len = e->len / 2;
	if (v->arg2 != NULL && strcmp(v->arg2, "noreseal") == 0) {
		return UY_OK; /* outer parts of an .eyps: nothing to re-seal */
	}
	if (strcmp(v->arg, "parafozeti") == 0 || strcmp(v->arg, "paketozeti") == 0 ||
	    strcmp(v->arg, "nihaiozet") == 0) {
		rc = mut_resign_after(g, p, v->arg);
	} else {
		rc = vg_reseal(g, p);
	}
	return rc;
}

/* ---- components: missing, duplicate relationship, wrong location, type case ---- */

/* Remove the component of relationship type arg, its relationship, its own
 * .rels and the signature parts that .rels reaches. */
static uy_err
mut_comp_missing(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	char *source = mut_source_of(p, v->arg);
	char *type = mut_type_uri(v->arg);
	char *id = NULL;
	char *part = NULL;
	char *rels = NULL;

	(void)g;
	UY_ENSURE_OUT(source != NULL && type != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_rel_find(p, source, type, 1, &id, NULL));
	part = vg_rel_target_part(p, source, type);
	UY_ENSURE_OUT(part != NULL, UY_ERR_NOT_FOUND);
	UY_TRY_OUT(vg_rel_remove(p, source, id));
	rels = vg_rels_name(part);
	UY_ENSURE_OUT(rels != NULL, UY_ERR_NOMEM);
	static const char *const sigs[] = {VG_REL_PREFIX "imzacades", VG_REL_PREFIX "parafimzacades",
	    VG_REL_PREFIX "muhurcades"};
	for (size_t i = 0; i < 3 && vg_find(p, rels) != NULL; i++) {
		char *sig = vg_rel_target_part(p, part, sigs[i]);
		if (sig != NULL && vg_find(p, sig) != NULL) {
			rc = vg_remove(p, sig);
		}
		uy_free(sig);
		UY_TRY_OUT(rc);
	}
	if (vg_find(p, rels) != NULL) {
		UY_TRY_OUT(vg_remove(p, rels));
	}
	UY_TRY_OUT(vg_remove(p, part));
	if (vg_ct_remove_override(p, part) == UY_ERR_NOT_FOUND) {
		rc = UY_OK; /* most components are typed by Default */
	}
done:
	uy_free(source);
	uy_free(type);
	uy_free(id);
	uy_free(part);
	uy_free(rels);
	return rc;
}

/* A second relationship of type arg to the same target. */
static uy_err
mut_comp_dup(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	char *source = mut_source_of(p, v->arg);
	char *type = mut_type_uri(v->arg);
	char *id = NULL;
	char *id2 = NULL;

	(void)g;
	UY_ENSURE_OUT(source != NULL && type != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_rel_find(p, source, type, 1, &id, NULL));
	id2 = uy_asprintf("%s2", id);
	UY_ENSURE_OUT(id2 != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_rel_dup(p, source, id, id2));
done:
	uy_free(source);
	uy_free(type);
	uy_free(id);
	uy_free(id2);
	return rc;
}

/* Move the component of relationship type arg to part name arg2 (retargeted). */
static uy_err
mut_comp_move(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	char *source = mut_source_of(p, v->arg);
	char *type = mut_type_uri(v->arg);
	char *part = NULL;

	(void)g;
	UY_ENSURE_OUT(source != NULL && type != NULL, UY_ERR_NOMEM);
	part = vg_rel_target_part(p, source, type);
	UY_ENSURE_OUT(part != NULL, UY_ERR_NOT_FOUND);
	UY_TRY_OUT(vg_move_part(p, part, v->arg2));
done:
	uy_free(source);
	uy_free(type);
	uy_free(part);
	return rc;
}

/* Write the relationship type of component arg as arg2 (another letter case). */
static uy_err
mut_comp_relcase(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	char *source = mut_source_of(p, v->arg);
	char *type = mut_type_uri(v->arg);
	char *id = NULL;

	(void)g;
	UY_ENSURE_OUT(source != NULL && type != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_rel_find(p, source, type, 1, &id, NULL));
	UY_TRY_OUT(vg_rel_set(p, source, id, "Type", v->arg2));
done:
	uy_free(source);
	uy_free(type);
	uy_free(id);
	return rc;
}

/* Add a package relationship: Type arg, Target arg2, Id arg3. */
static uy_err
mut_rel_add(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vg_rel_add(p, "/", v->arg3, v->arg, v->arg2);
}

/* Set attribute arg2 of package relationship Id arg to arg3. */
static uy_err
mut_rel_set(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vg_rel_set(p, "/", v->arg, v->arg2, v->arg3);
}

/* The e-signature relationship moved from PaketOzeti's .rels to the package's. */
static uy_err
mut_rel_wrong_source(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	char *paket = vgm_part(p, "paketozeti");
	char *id = NULL;
	char *sig = NULL;

	(void)g;
	(void)v;
	UY_ENSURE_OUT(paket != NULL, UY_ERR_NOT_FOUND);
	sig = vg_rel_target_part(p, paket, VG_REL_PREFIX "imzacades");
	UY_ENSURE_OUT(sig != NULL, UY_ERR_NOT_FOUND);
	UY_TRY_OUT(vg_rel_find(p, paket, VG_REL_PREFIX "imzacades", 0, &id, NULL));
	UY_TRY_OUT(vg_rel_remove(p, paket, id));
	UY_TRY_OUT(vg_rel_add(p, "/", id, VG_REL_PREFIX "imzacades", sig));
done:
	uy_free(paket);
	uy_free(id);
	uy_free(sig);
	return rc;
}

/* ---- content types ---- */

static uy_err
mut_ct_remove_default(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vg_ct_remove_default(p, v->arg);
}

static uy_err
mut_ct_default(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vg_ct_default(p, v->arg, v->arg2);
}

/* Replace a whole part (name arg) by the text arg2, or remove it when arg2 is NULL. */
static uy_err
mut_part_set(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	if (v->arg2 == NULL) {
		return vg_remove(p, v->arg);
	}
	return vg_set(p, v->arg, v->arg2, strlen(v->arg2));
}

/* ---- metadata ---- */

/* Remove elements with local name arg2 from the part of package relationship
 * type arg (through libxml2): all of them, or only the first when arg3 is
 * "first". */
static uy_err
mut_remove_elem(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *part = vgm_part(p, v->arg);
	int only_first = v->arg3 != NULL && strcmp(v->arg3, "first") == 0;
	int removed = 0;

	(void)g;
	UY_ENSURE_OUT(part != NULL, UY_ERR_NOT_FOUND);
	UY_TRY_OUT(vg_xml_load(p, part, &doc));
	for (;;) {
		xmlNodePtr hit = NULL;
		xmlNodePtr n = xmlDocGetRootElement(doc);
		/* Depth-first walk for the first matching element. */
		while (n != NULL) {
			if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, v->arg2) == 0) {
				hit = n;
				break;
			}
			if (n->children != NULL) {
				n = n->children;
				continue;
			}
			while (n != NULL && n->next == NULL) {
				n = n->parent;
				if (n != NULL && n->type == XML_DOCUMENT_NODE) {
					n = NULL;
				}
			}
			if (n != NULL) {
				n = n->next;
			}
		}
		if (hit == NULL) {
			break;
		}
		xmlUnlinkNode(hit);
		xmlFreeNode(hit);
		removed++;
		if (only_first) {
			break;
		}
	}
	if (removed == 0) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "no %s in %s", v->arg2, part);
		goto done;
	}
	UY_TRY_OUT(vg_xml_store(p, part, doc));
done:
	xmlFreeDoc(doc);
	uy_free(part);
	return rc;
}

/* Core moved to /docProps/core.xml (older Java producers), typed by an Override. */
static uy_err
mut_core_docprops(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	UY_TRY(mut_comp_move(g, p, v));
	return vg_ct_override(p, "/docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
}

/* UstYazi renamed with an (escaped) space; DosyaAdi follows. */
static uy_err
mut_ustyazi_space(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	UY_TRY(mut_comp_move(g, p, v));
	return vgm_ust(p, "<tipler:DosyaAdi>ustyazi.pdf</tipler:DosyaAdi>",
	    "<tipler:DosyaAdi>ust yazi.pdf</tipler:DosyaAdi>");
}

/* Every KKK of Ustveri written in the legacy 14-hex DTVT form. */
static uy_err
mut_kkk_all_legacy(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	(void)v;
	UY_TRY(vgm_ust(p, "<tipler:KKK>28119270</tipler:KKK>", "<tipler:KKK>23ED5E7A15B9A2</tipler:KKK>"));
	return vgm_ust(p, "<tipler:KKK>61648174</tipler:KKK>", "<tipler:KKK>4A1B2C3D4E5F60</tipler:KKK>");
}

/* A 2.x BelgeHedef part with its relationship (allowed only in .eyps). */
static uy_err
mut_add_belgehedef_v2(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	static const char text[] =
	    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>" VGM_NL
	    "<BelgeHedef xmlns:tipler=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\" "
	    "xmlns=\"urn:dpt:eyazisma:schema:xsd:BelgeHedef-2\">" VGM_NL
	    "  <tipler:HedefListesi>" VGM_NL
	    "    <tipler:Hedef>" VGM_NL
	    "      <tipler:KurumKurulus>" VGM_NL
	    "        <tipler:KKK>28119270</tipler:KKK>" VGM_NL
	    "        <tipler:Adi>BİLGİ İŞLEM BAŞKANLIĞI</tipler:Adi>" VGM_NL
	    "      </tipler:KurumKurulus>" VGM_NL
	    "    </tipler:Hedef>" VGM_NL
	    "  </tipler:HedefListesi>" VGM_NL
	    "</BelgeHedef>";

	(void)g;
	(void)v;
	return vgm_add_part(p, "belgehedef", "BelgeHedef/BelgeHedef.xml", "IdBelgeHedef", text,
	    sizeof(text) - 1, 0);
}

/* valid-2x's NihaiUstveri added to a 1.x package with its relationship. */
static uy_err
mut_add_nihaiustveri(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	const vg_entry *e = vg_find(g->v2, "NihaiUstveri/NihaiUstveri.xml");

	(void)v;
	UY_ENSURE(e != NULL, UY_ERR_NOT_FOUND);
	return vgm_add_part(p, "nihaiustveri", "NihaiUstveri/NihaiUstveri.xml", "IdNihaiUstveri",
	    (const char *)e->data, e->len, 0);
}

/* Remove attachment part arg (and its ek relationship); with arg2 "refs",
 * also its References in the summaries. Ustveri still declares it. */
static uy_err
mut_remove_ek(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *target = uy_asprintf("/%s", v->arg);

	(void)g;
	UY_ENSURE_OUT(target != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_xml_load(p, "_rels/.rels", &doc));
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		xmlChar *t = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, BAD_CAST "Target") : NULL;
		int hit = t != NULL && strcasecmp((const char *)t, target) == 0;
		xmlFree(t);
		if (hit) {
			xmlUnlinkNode(n);
			xmlFreeNode(n);
			break;
		}
	}
	UY_TRY_OUT(vg_xml_store(p, "_rels/.rels", doc));
	UY_TRY_OUT(vg_remove(p, v->arg));
	if (v->arg2 != NULL && strcmp(v->arg2, "refs") == 0) {
		static const char *const sums[] = {"parafozeti", "paketozeti", "nihaiozet"};
		for (size_t i = 0; i < 3; i++) {
			char *sp = vgm_part(p, sums[i]);
			int has = sp != NULL;
			uy_free(sp);
			if (has) {
				UY_TRY_OUT(vgm_remove_reference(p, sums[i], target));
			}
		}
	}
done:
	xmlFreeDoc(doc);
	uy_free(target);
	return rc;
}

/* An extra signed attachment /Ekler/ek9.pdf: part, ek relationship and
 * References in every summary, but no Ek entry in Ustveri (K.24). */
static uy_err
mut_undeclared_ek(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	const vg_entry *ek2 = vg_find(p, "Ekler/ek2.pdf");

	(void)g;
	(void)v;
	UY_ENSURE(ek2 != NULL, UY_ERR_NOT_FOUND);
	UY_TRY(vgm_add_part(p, "ek", "Ekler/ek9.pdf", "IdEk_" VGM_EXTRA_EK, (const char *)ek2->data,
	    ek2->len, 0));
	UY_TRY(vgm_add_reference(p, "parafozeti", "/Ekler/ek9.pdf", VG_REF_DAHILI, NULL, 0));
	UY_TRY(vgm_add_reference(p, "paketozeti", "/Ekler/ek9.pdf", VG_REF_DAHILI, NULL, 0));
	return vgm_add_reference(p, "nihaiozet", "/Ekler/ek9.pdf", VG_REF_DAHILI, NULL, 0);
}

/* ---- summaries and digests ---- */

/* Set root attribute arg2 of summary arg to arg3, then re-seal from it. */
static uy_err
mut_sum_attr(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *part = NULL;

	UY_TRY_OUT(vgm_sum_load(p, v->arg, &doc, &part));
	xmlSetProp(xmlDocGetRootElement(doc), BAD_CAST v->arg2, BAD_CAST v->arg3);
	UY_TRY_OUT(vg_xml_store(p, part, doc));
	UY_TRY_OUT(vg_reseal_from(g, p, mut_stage(v->arg)));
done:
	xmlFreeDoc(doc);
	uy_free(part);
	return rc;
}

/* Edit the Reference with URI arg2 of summary arg:
 *   arg3 "alg0=URI" / "alg1=URI": algorithm of the first/second digest;
 *   "drop0": remove the first DigestItem;
 *   "type=URI": Reference/@Type;
 *   "value0=TEXT": first DigestValue text (digests are then NOT recomputed);
 *   "remove": remove the Reference.
 * Then re-seal from that summary (or just re-sign it for "value0"). */
static uy_err
mut_ref(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *part = NULL;
	const char *op = v->arg3;
	int resign_only = 0;

	UY_TRY_OUT(vgm_sum_load(p, v->arg, &doc, &part));
	xmlNodePtr ref = vgm_ref_find(doc, v->arg2);
	if (ref == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "no Reference %s in %s", v->arg2, part);
		goto done;
	}
	if (strncmp(op, "alg", 3) == 0) {
		xmlNodePtr m = vgm_nth(ref, "DigestMethod", op[3] - '0');
		UY_ENSURE_OUT(m != NULL, UY_ERR_NOT_FOUND);
		xmlSetProp(m, BAD_CAST "Algorithm", BAD_CAST(op + 5));
	} else if (strcmp(op, "drop0") == 0) {
		xmlNodePtr item = vgm_nth(ref, "DigestItem", 0);
		UY_ENSURE_OUT(item != NULL, UY_ERR_NOT_FOUND);
		xmlUnlinkNode(item);
		xmlFreeNode(item);
	} else if (strncmp(op, "type=", 5) == 0) {
		xmlSetProp(ref, BAD_CAST "Type", BAD_CAST(op + 5));
	} else if (strncmp(op, "value0=", 7) == 0) {
		xmlNodePtr dv = vgm_nth(ref, "DigestValue", 0);
		UY_ENSURE_OUT(dv != NULL, UY_ERR_NOT_FOUND);
		xmlNodeSetContent(dv, BAD_CAST(op + 7));
		resign_only = 1;
	} else if (strcmp(op, "remove") == 0) {
		xmlUnlinkNode(ref);
		xmlFreeNode(ref);
	} else {
		rc = UY_ERROR(UY_ERR_USAGE, "unknown reference edit %s", op);
		goto done;
	}
	UY_TRY_OUT(vg_xml_store(p, part, doc));
	if (resign_only) {
		UY_TRY_OUT(mut_resign_after(g, p, v->arg));
	} else {
		UY_TRY_OUT(vg_reseal_from(g, p, mut_stage(v->arg)));
	}
done:
	xmlFreeDoc(doc);
	uy_free(part);
	return rc;
}

/* Add a Reference with URI arg2 and Type arg3 to summary arg, re-seal from it.
 * Absent or external targets get the digests of fixed bytes. */
static uy_err
mut_ref_add(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	static const char bytes[] = "uyum harici bilesen";

	UY_TRY(vgm_add_reference(p, v->arg, v->arg2, v->arg3, (const uint8_t *)bytes,
	    sizeof(bytes) - 1));
	return vg_reseal_from(g, p, mut_stage(v->arg));
}

/* ---- signatures ---- */

/* Replace the signature of type arg (imzacades, parafimzacades, muhurcades)
 * by: arg2 "placeholder" (01 02 03 04), "data" (CMS Data of the summary),
 * "ber" (indefinite-length BER SignedData), "detached" (no eContent),
 * "other" (attached SignedData over Ustveri). Later stages are re-sealed. */
static uy_err
mut_sig(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	uy_err rc = UY_OK;
	const char *sum_type = mut_summary_of_sig(v->arg);
	char *sum = NULL;
	char *sig_type = mut_type_uri(v->arg);
	char *sig = NULL;
	uint8_t *bytes = NULL;
	size_t len = 0;

	UY_ENSURE_OUT(sum_type != NULL && sig_type != NULL, UY_ERR_USAGE);
	sum = vgm_part(p, sum_type);
	UY_ENSURE_OUT(sum != NULL, UY_ERR_NOT_FOUND);
	sig = vg_rel_target_part(p, sum, sig_type);
	UY_ENSURE_OUT(sig != NULL, UY_ERR_NOT_FOUND);
	const vg_entry *se = vg_find(p, sum);
	const vg_entry *ue = vg_find(p, VGM_USTVERI);
	UY_ENSURE_OUT(se != NULL && ue != NULL, UY_ERR_NOT_FOUND);
	if (strcmp(v->arg2, "placeholder") == 0) {
		UY_TRY_OUT(vg_set(p, sig, "\x01\x02\x03\x04", 4));
	} else {
		if (strcmp(v->arg2, "data") == 0) {
			UY_TRY_OUT(vg_cms_data(se->data, se->len, &bytes, &len));
		} else if (strcmp(v->arg2, "ber") == 0) {
			UY_TRY_OUT(vg_cms_sign(g, se->data, se->len, 0, 1, &bytes, &len));
		} else if (strcmp(v->arg2, "detached") == 0) {
			UY_TRY_OUT(vg_cms_sign(g, se->data, se->len, CMS_DETACHED, 0, &bytes, &len));
		} else if (strcmp(v->arg2, "other") == 0) {
			UY_TRY_OUT(vg_cms_sign(g, ue->data, ue->len, 0, 0, &bytes, &len));
		} else {
			rc = UY_ERROR(UY_ERR_USAGE, "unknown signature edit %s", v->arg2);
			goto done;
		}
		UY_TRY_OUT(vg_set(p, sig, bytes, len));
	}
	vg_stage s = mut_stage(sum_type);
	if (s != VG_STAGE_NIHAI) {
		UY_TRY_OUT(vg_reseal_from(g, p, (vg_stage)(s + 1)));
	}
done:
	uy_free(sum);
	uy_free(sig_type);
	uy_free(sig);
	uy_free(bytes);
	return rc;
}

/* The initials signature part removed; relationship and References kept (tolerated). */
static uy_err
mut_strip_paraf(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	(void)v;
	return vg_remove(p, "Paraflar/ParafImzaCades.imz");
}

/* ---- container ---- */

/* Append an entry named arg with text arg2 (raw writer: any name, duplicates). */
static uy_err
mut_zip_extra(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	return vg_append(p, v->arg, v->arg2, strlen(v->arg2), 0);
}

/* Append a copy of entry arg under the name arg2 (raw writer). */
static uy_err
mut_zip_dup(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	const vg_entry *e = vg_find(p, v->arg);

	(void)g;
	UY_ENSURE(e != NULL, UY_ERR_NOT_FOUND);
	/* e may move when the array grows: copy first. */
	uint8_t *copy = uy_alloc(e->len);
	UY_ENSURE(copy != NULL, UY_ERR_NOMEM);
	memcpy(copy, e->data, e->len);
	size_t len = e->len;
	uy_err rc = vg_append(p, v->arg2, copy, len, 0);
	uy_free(copy);
	return rc;
}

/* Entry arg gets raw-writer treatment arg2: "encrypt", "badcrc" or "method12". */
static uy_err
mut_zip_entry(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	vg_entry *e = vg_find(p, v->arg);

	(void)g;
	UY_ENSURE(e != NULL, UY_ERR_NOT_FOUND);
	if (strcmp(v->arg2, "encrypt") == 0) {
		e->flags |= VG_E_ENCRYPT;
	} else if (strcmp(v->arg2, "badcrc") == 0) {
		e->flags |= VG_E_BAD_CRC;
	} else if (strcmp(v->arg2, "method12") == 0) {
		e->method = 12; /* bzip2: not allowed by ECMA-376-2 */
	} else {
		return UY_ERROR(UY_ERR_USAGE, "unknown entry edit %s", v->arg2);
	}
	return UY_OK;
}

/* 4100 extra directory entries (raw writer): over UY_MAX_ZIP_ENTRIES, but
 * no extra parts, so nothing else is reported about them. */
static uy_err
mut_zip_many(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	(void)g;
	(void)v;
	for (unsigned i = 0; i < 4100u; i++) {
		char name[64];
		snprintf(name, sizeof(name), "Fazla/d%04u/", i);
		UY_TRY(vg_append(p, name, NULL, 0, 0));
	}
	return UY_OK;
}

/* Unsigned attachments made of zeros: arg = count, arg2 = MiB each (libzip, deflated). */
static uy_err
mut_zip_zeros(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	static const char *const ids[] = {"A1000000-0000-4000-8000-000000000001",
	    "A1000000-0000-4000-8000-000000000002", "A1000000-0000-4000-8000-000000000003"};
	unsigned count = (unsigned)(v->arg[0] - '0');
	uint64_t mib = 0;

	(void)g;
	for (const char *q = v->arg2; *q >= '0' && *q <= '9'; q++) {
		mib = mib * 10 + (uint64_t)(*q - '0');
	}
	UY_ENSURE(count >= 1 && count <= 3 && mib > 0, UY_ERR_USAGE);
	for (unsigned i = 0; i < count; i++) {
		char file[32];
		snprintf(file, sizeof(file), "sifirlar%u.bin", i + 1);
		UY_TRY(vgm_add_imzasiz_ek(p, ids[i], file, NULL, 0, mib << 20, (int)(3 + i)));
	}
	return UY_OK;
}

/* An entry name of 1100 characters (raw writer). */
static uy_err
mut_zip_long_name(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	char name[1200];

	(void)g;
	(void)v;
	memcpy(name, "Fazla/", 6);
	memset(name + 6, 'a', 1090);
	memcpy(name + 1096, ".xml", 5);
	return vg_append(p, name, "<a/>", 4, 0);
}

/* File bytes cut in half (no end of central directory). */
static uy_err
post_truncate(const vg_ctx *g, uint8_t **bytes, size_t *len)
{
	(void)g;
	(void)bytes;
	*len = *len / 2;
	return UY_OK;
}

/* A text file instead of a ZIP. */
static uy_err
post_not_zip(const vg_ctx *g, uint8_t **bytes, size_t *len)
{
	static const char text[] = "Bu dosya bir e-Yazışma paketi değildir; ZIP değil, düz metindir.\n";

	(void)g;
	uy_free(*bytes);
	*bytes = uy_alloc(sizeof(text) - 1);
	UY_ENSURE(*bytes != NULL, UY_ERR_NOMEM);
	memcpy(*bytes, text, sizeof(text) - 1);
	*len = sizeof(text) - 1;
	return UY_OK;
}

/* An empty file. */
static uy_err
post_empty(const vg_ctx *g, uint8_t **bytes, size_t *len)
{
	(void)g;
	(void)bytes;
	*len = 0;
	return UY_OK;
}

/* ---- .eyps ---- */

/* SifreliIcerik holds arg: "plain" (valid-2x.eyp as a plain ZIP) or
 * "garbage" (4 KiB of fixed pseudo-random bytes). */
static uy_err
mut_eyps_content(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	char *part = vgm_part(p, "sifreliicerik");
	uy_err rc = UY_OK;
	uint8_t junk[4096];

	UY_ENSURE(part != NULL, UY_ERR_NOT_FOUND);
	if (strcmp(v->arg, "plain") == 0) {
		rc = vg_set(p, part, g->v2_bytes, g->v2_len);
	} else {
		for (size_t i = 0; i < sizeof(junk); i++) {
			junk[i] = (uint8_t)((i * 2654435761u) >> 13);
		}
		junk[0] = 0xA5; /* neither 0x30 (DER SEQUENCE) nor 'P' (ZIP) */
		rc = vg_set(p, part, junk, sizeof(junk));
	}
	uy_free(part);
	if (rc == UY_OK && v->arg2 != NULL) {
		/* Optional second edit: "outer-differs" changes the outer NihaiOzet's
		 * bytes (same infoset), "other-id" the outer Core identifier. */
		if (strcmp(v->arg2, "outer-differs") == 0) {
			rc = vg_replace(p, "NihaiOzet/NihaiOzet.xml", "</NihaiOzet>",
			    "</NihaiOzet>\n<!-- dis kopya -->", 0);
		} else if (strcmp(v->arg2, "other-id") == 0) {
			rc = vgm_edit(p, "core", VGM_V2_ID, VGM_OTHER_ID);
		}
	}
	return rc;
}

/* ---- .eypg ---- */

/* OrijinalPaket holds valid-2x-cms.eyps (an encrypted package). */
static uy_err
mut_eypg_orig_eyps(const vg_ctx *g, vg_pkg *p, const vg_vector *v)
{
	char *part = vgm_part(p, "orijinalpaket");
	uy_err rc = UY_OK;

	(void)v;
	UY_ENSURE(part != NULL, UY_ERR_NOT_FOUND);
	rc = vg_set(p, part, g->eyps_cms_bytes, g->eyps_cms_len);
	uy_free(part);
	return rc;
}

/* ---- the table ---- */

#define RS VG_V_RESEAL
#define RAW VG_V_RAW
#define V(file, what, base, fn, flags, a1, a2, a3) {file, what, base, fn, NULL, flags, a1, a2, a3}
#define VPOST(file, what, base, post) {file, what, base, NULL, post, 0, NULL, NULL, NULL}
#define NL VGM_NL
#define B1 VG_BASE_V1
#define B2 VG_BASE_V2
#define BF VG_BASE_V2FULL
#define BES VG_BASE_EYPS_SAMPLE
#define BEC VG_BASE_EYPS_CMS
#define BG VG_BASE_EYPG

/* Tipler-2 element helpers for the table. */
#define T(x) "<tipler:" x ">"
#define TE(x) "</tipler:" x ">"

const vg_vector vg_vectors[] = {
    /* -- components of a 2.x package: missing, duplicate relationship, wrong place, type case -- */
    V("v2-ustyazi-missing.eyp", "UstYazi part and relationship removed", B2, mut_comp_missing, RS, "ustyazi", NULL, NULL),
    V("v2-ustyazi-dup.eyp", "second ustyazi relationship to the same part", B2, mut_comp_dup, RS, "ustyazi", NULL, NULL),
    V("v2-ustyazi-moved.eyp", "UstYazi moved to /Belgeler/ustyazi.pdf", B2, mut_comp_move, RS, "ustyazi", "/Belgeler/ustyazi.pdf", NULL),
    V("v2-ustyazi-relcase.eyp", "ustyazi relationship type written .../UstYazi", B2, mut_comp_relcase, RS, "ustyazi", VG_REL_PREFIX "UstYazi", NULL),
    V("v2-ustveri-missing.eyp", "Ustveri part and relationship removed", B2, mut_comp_missing, RS, "ustveri", NULL, NULL),
    V("v2-ustveri-dup.eyp", "second ustveri relationship", B2, mut_comp_dup, RS, "ustveri", NULL, NULL),
    V("v2-ustveri-moved.eyp", "Ustveri moved to /Metadata/Ustveri.xml", B2, mut_comp_move, RS, "ustveri", "/Metadata/Ustveri.xml", NULL),
    V("v2-ustveri-relcase.eyp", "ustveri relationship type written .../UstVeri", B2, mut_comp_relcase, RS, "ustveri", VG_REL_PREFIX "UstVeri", NULL),
    V("v2-nihaiustveri-missing.eyp", "NihaiUstveri part and relationship removed", B2, mut_comp_missing, RS, "nihaiustveri", NULL, NULL),
    V("v2-nihaiustveri-dup.eyp", "second nihaiustveri relationship", B2, mut_comp_dup, RS, "nihaiustveri", NULL, NULL),
    V("v2-nihaiustveri-moved.eyp", "NihaiUstveri moved to /Metadata/NihaiUstveri.xml", B2, mut_comp_move, RS, "nihaiustveri", "/Metadata/NihaiUstveri.xml", NULL),
    V("v2-nihaiustveri-relcase.eyp", "nihaiustveri relationship type written .../NihaiUstveri", B2, mut_comp_relcase, RS, "nihaiustveri", VG_REL_PREFIX "NihaiUstveri", NULL),
    V("v2-parafozeti-missing.eyp", "ParafOzeti, its .rels and ParafImzaCades removed", B2, mut_comp_missing, RS, "parafozeti", NULL, NULL),
    V("v2-parafozeti-dup.eyp", "second parafozeti relationship", B2, mut_comp_dup, RS, "parafozeti", NULL, NULL),
    V("v2-parafozeti-moved.eyp", "ParafOzeti moved to /Ozetler/ParafOzeti.xml", B2, mut_comp_move, RS, "parafozeti", "/Ozetler/ParafOzeti.xml", NULL),
    V("v2-parafozeti-relcase.eyp", "parafozeti relationship type written .../ParafOzeti", B2, mut_comp_relcase, RS, "parafozeti", VG_REL_PREFIX "ParafOzeti", NULL),
    V("v2-paketozeti-missing.eyp", "PaketOzeti, its .rels and ImzaCades removed", B2, mut_comp_missing, RS, "paketozeti", NULL, NULL),
    V("v2-paketozeti-dup.eyp", "second paketozeti relationship", B2, mut_comp_dup, RS, "paketozeti", NULL, NULL),
    V("v2-paketozeti-moved.eyp", "PaketOzeti moved to /Ozetler/PaketOzeti.xml", B2, mut_comp_move, RS, "paketozeti", "/Ozetler/PaketOzeti.xml", NULL),
    V("v2-paketozeti-relcase.eyp", "paketozeti relationship type written .../PaketOzeti (the CS defect)", B2, mut_comp_relcase, RS, "paketozeti", VG_REL_PREFIX "PaketOzeti", NULL),
    V("v2-nihaiozet-missing.eyp", "NihaiOzet, its .rels and MuhurCades removed", B2, mut_comp_missing, RS, "nihaiozet", NULL, NULL),
    V("v2-nihaiozet-dup.eyp", "second nihaiozet relationship", B2, mut_comp_dup, RS, "nihaiozet", NULL, NULL),
    V("v2-nihaiozet-moved.eyp", "NihaiOzet moved to /Ozetler/NihaiOzet.xml", B2, mut_comp_move, RS, "nihaiozet", "/Ozetler/NihaiOzet.xml", NULL),
    V("v2-nihaiozet-relcase.eyp", "nihaiozet relationship type written .../NihaiOzet", B2, mut_comp_relcase, RS, "nihaiozet", VG_REL_PREFIX "NihaiOzet", NULL),
    V("v2-imzacades-missing.eyp", "ImzaCades and its relationship removed", B2, mut_comp_missing, RS, "imzacades", NULL, NULL),
    V("v2-imzacades-dup.eyp", "second imzacades relationship", B2, mut_comp_dup, RS, "imzacades", NULL, NULL),
    V("v2-imzacades-moved.eyp", "ImzaCades moved to /Imza/ImzaCades.imz", B2, mut_comp_move, RS, "imzacades", "/Imza/ImzaCades.imz", NULL),
    V("v2-imzacades-relcase.eyp", "imzacades relationship type written .../ImzaCades", B2, mut_comp_relcase, RS, "imzacades", VG_REL_PREFIX "ImzaCades", NULL),
    V("v2-parafimzacades-dup.eyp", "second parafimzacades relationship", B2, mut_comp_dup, RS, "parafimzacades", NULL, NULL),
    V("v2-parafimzacades-moved.eyp", "ParafImzaCades moved to /Imzalar/ParafImzaCades.imz", B2, mut_comp_move, RS, "parafimzacades", "/Imzalar/ParafImzaCades.imz", NULL),
    V("v2-parafimzacades-relcase.eyp", "parafimzacades relationship type written .../ParafImzaCades", B2, mut_comp_relcase, RS, "parafimzacades", VG_REL_PREFIX "ParafImzaCades", NULL),
    V("v2-muhurcades-missing.eyp", "MuhurCades and its relationship removed (unsealed 2.x)", B2, mut_comp_missing, RS, "muhurcades", NULL, NULL),
    V("v2-muhurcades-dup.eyp", "second muhurcades relationship", B2, mut_comp_dup, RS, "muhurcades", NULL, NULL),
    V("v2-muhurcades-moved.eyp", "2.x seal at the 1.x place /Muhurler/MuhurCades.imz", B2, mut_comp_move, RS, "muhurcades", "/Muhurler/MuhurCades.imz", NULL),
    V("v2-muhurcades-relcase.eyp", "muhurcades relationship type written .../MuhurCades", B2, mut_comp_relcase, RS, "muhurcades", VG_REL_PREFIX "MuhurCades", NULL),
    V("v2-ek-moved.eyp", "signed attachment moved to /Ek/ek1.pdf", B2, mut_comp_move, RS, "ek", "/Ek/ek1.pdf", NULL),
    V("v2-ek-relcase.eyp", "ek relationship type written .../Ek", B2, mut_comp_relcase, RS, "ek", VG_REL_PREFIX "Ek", NULL),
    V("v2-imzasizek-moved.eyp", "unsigned attachment moved to /Ekler/ek3.pdf", BF, mut_comp_move, RS, "imzasizEk", "/Ekler/ek3.pdf", NULL),
    V("v2-imzasizek-relcase.eyp", "imzasizEk relationship type written .../imzasizek", BF, mut_comp_relcase, RS, "imzasizEk", VG_REL_PREFIX "imzasizek", NULL),
    V("v2-core-missing.eyp", "Core properties part and relationship removed", B2, mut_comp_missing, RS, "core", NULL, NULL),
    V("v2-core-dup.eyp", "second core-properties relationship", B2, mut_comp_dup, RS, "core", NULL, NULL),
    V("v2-core-docprops.eyp", "Core at /docProps/core.xml (older Java producers; valid)", B2, mut_core_docprops, RS, "core", "/docProps/core.xml", NULL),
    V("v2-belgehedef-present.eyp", "a BelgeHedef in a 2.x normal package", B2, mut_add_belgehedef_v2, RS, NULL, NULL, NULL),
    /* -- components of a 1.x package -- */
    V("v1-belgehedef-missing.eyp", "BelgeHedef part and relationship removed", B1, mut_comp_missing, RS, "belgehedef", NULL, NULL),
    V("v1-belgehedef-dup.eyp", "second belgehedef relationship", B1, mut_comp_dup, RS, "belgehedef", NULL, NULL),
    V("v1-belgehedef-moved.eyp", "BelgeHedef moved to /Hedef/BelgeHedef.xml", B1, mut_comp_move, RS, "belgehedef", "/Hedef/BelgeHedef.xml", NULL),
    V("v1-belgeimza-missing.eyp", "BelgeImza removed (optional in 1.x); NihaiOzet still references it", B1, mut_comp_missing, RS, "belgeimza", NULL, NULL),
    V("v1-belgeimza-dup.eyp", "second belgeimza relationship", B1, mut_comp_dup, RS, "belgeimza", NULL, NULL),
    V("v1-belgeimza-moved.eyp", "BelgeImza moved to /Imza/BelgeImza.xml", B1, mut_comp_move, RS, "belgeimza", "/Imza/BelgeImza.xml", NULL),
    V("v1-nihaiozet-missing.eyp", "NihaiOzet and seal removed (seal optional in 1.x: valid)", B1, mut_comp_missing, RS, "nihaiozet", NULL, NULL),
    V("v1-muhurcades-missing.eyp", "seal removed, NihaiOzet kept (optional in 1.x: valid)", B1, mut_comp_missing, RS, "muhurcades", NULL, NULL),
    V("v1-muhurcades-moved.eyp", "1.x seal at the 2.x place /Muhur/MuhurCades.imz", B1, mut_comp_move, RS, "muhurcades", "/Muhur/MuhurCades.imz", NULL),
    V("v1-paketozeti-relcase.eyp", "paketozeti relationship type written .../PaketOzeti", B1, mut_comp_relcase, RS, "paketozeti", VG_REL_PREFIX "PaketOzeti", NULL),
    V("v1-nihaiustveri-present.eyp", "a NihaiUstveri (2.x part) in a 1.x package", B1, mut_add_nihaiustveri, RS, NULL, NULL, NULL),
    /* -- relationships and kind/generation -- */
    V("v2-rel-target-missing.eyp", "arsivozellikleri relationship to an absent part", B2, mut_rel_add, RS, VG_REL_PREFIX "arsivozellikleri", "/Arsiv/ArsivOzellikleri.xml", "IdArsivOzellikleri"),
    V("v2-rel-wrong-source.eyp", "imzacades relationship in the package .rels instead of PaketOzeti's", B2, mut_rel_wrong_source, RS, NULL, NULL, NULL),
    V("v2-rel-unknown-type.eyp", "relationship of a type the guide does not define (target Ustveri)", B2, mut_rel_add, RS, "http://example.com/iliskiler/bilinmeyen", "/Ustveri/Ustveri.xml", "IdBilinmeyen"),
    V("v2-rels-orphan.eyp", "a relationships part whose source part does not exist", B2, mut_part_set, RS, "Fazla/_rels/yok.xml.rels", "<Relationships xmlns=\"" VG_NS_RELS "\"/>", NULL),
    V("v2-part-orphan.eyp", "a part no relationship reaches (/Fazla/notlar.xml)", B2, mut_part_set, RS, "Fazla/notlar.xml", "<notlar/>", NULL),
    V("v2-kind-unknown.eyp", "Core category RESMIYAZISMA/BILINMEYEN", B2, mut_edit, RS, "core", "<category>RESMIYAZISMA</category>", "<category>RESMIYAZISMA/BILINMEYEN</category>"),
    V("v2-kind-mismatch.eyps", "a normal package whose Core category says RESMIYAZISMA/SIFRELI", B2, mut_edit, RS, "core", "<category>RESMIYAZISMA</category>", "<category>RESMIYAZISMA/SIFRELI</category>"),
    V("v2-kind-extension.eyps", "a valid normal package saved as .eyps", B2, NULL, 0, NULL, NULL, NULL),
    V("v2-generation-unknown.eyp", "Core version 'surum-iki'", B2, mut_edit, RS, "core", "<version>2.0</version>", "<version>surum-iki</version>"),
    V("v2-generation-mismatch.eyp", "Core version 1.3 in a package with the Ustveri-2 namespace", B2, mut_edit, RS, "core", "<version>2.0</version>", "<version>1.3</version>"),
    /* -- Core properties -- */
    V("v2-core-malformed.eyp", "Core part cut in the middle", B2, mut_truncate, 0, "core", NULL, NULL),
    V("v2-core-no-creator.eyp", "Core without dc:creator", B2, mut_edit, RS, "core", "<dc:creator>BİLGİ İŞLEM DAİRESİ BAŞKANLIĞI/61648174</dc:creator>", ""),
    V("v2-core-identifier.eyp", "Core identifier differs from BelgeId", B2, mut_edit, RS, "core", "<dc:identifier>" VGM_V2_ID, "<dc:identifier>" VGM_OTHER_ID),
    V("v2-core-identifier-lower.eyp", "Core identifier = BelgeId in lowercase (2.x)", B2, mut_edit, RS, "core", "<dc:identifier>" VGM_V2_ID, "<dc:identifier>b586d8e7-ade1-4b08-b2b8-57250b22f8dc"),
    V("v2-core-subject.eyp", "Core subject differs from Konu", B2, mut_edit, RS, "core", "<dc:subject>Olustur Versiyon 2X</dc:subject>", "<dc:subject>Başka bir konu</dc:subject>"),
    V("v2-core-content-type.eyp", "Core contentType application/xml", B2, mut_edit, RS, "core", "<contentType>application/eyazisma</contentType>", "<contentType>application/xml</contentType>"),
    /* -- UstYazi -- */
    V("v2-ustyazi-space.eyp", "UstYazi named /UstYazi/ust%20yazi.pdf (whitespace); DosyaAdi follows", B2, mut_ustyazi_space, RS, "ustyazi", "/UstYazi/ust%20yazi.pdf", NULL),
    V("v2-ustyazi-space-raw.eyp", "UstYazi named /UstYazi/ust yazi.pdf (raw space); DosyaAdi follows", B2, mut_ustyazi_space, RS, "ustyazi", "/UstYazi/ust yazi.pdf", NULL),
    V("v2-ustyazi-not-pdf.eyp", "UstYazi bytes are not a PDF", B2, mut_edit, RS, "ustyazi", "%PDF-1.7", "%XYZ-1.7"),
    /* -- Ustveri -- */
    V("v2-ustveri-malformed.eyp", "Ustveri cut in the middle", B2, mut_truncate, 0, "ustveri", NULL, NULL),
    V("v2-ustveri-wrong-root.eyp", "Ustveri root written Ustveri (the 1.x name) in the Ustveri-2 namespace", B2, mut_edit, RS, "ustveri", "<UstVeri xmlns", "<Ustveri xmlns"),
    V("v2-ustveri-element-ns.eyp", "Dil in the Ustveri-2 namespace instead of Tipler-2", B2, mut_ust, RS, T("Dil") "tur" TE("Dil"), "<Dil>tur</Dil>", NULL),
    V("v2-ustveri-no-dosyaadi.eyp", "Ustveri without DosyaAdi", B2, mut_ust, RS, "  " T("DosyaAdi") "ustyazi.pdf" TE("DosyaAdi") NL, "", NULL),
    V("v2-ustveri-no-mimeturu.eyp", "UstVeri without MimeTuru (the sample's defect alone)", B2, mut_ust, RS, "  " T("MimeTuru") "application/pdf" TE("MimeTuru") NL, "", NULL),
    V("v2-ustveri-mimeturu-bad.eyp", "MimeTuru 'pdf' (not a MIME type)", B2, mut_ust, RS, T("MimeTuru") "application/pdf" TE("MimeTuru") NL "  " T("DagitimListesi"), T("MimeTuru") "pdf" TE("MimeTuru") NL "  " T("DagitimListesi"), NULL),
    V("v2-ustveri-tarih.eyp", "Tarih in a 2.x Ustveri", B2, mut_ust, RS, T("GuvenlikKodu"), T("Tarih") "2021-02-15T09:39:32Z" TE("Tarih") NL "  " T("GuvenlikKodu"), NULL),
    V("v1-ustveri-tarih-bad.eyp", "1.x Ustveri/Tarih '15.02.2021'", B1, mut_ust, RS, T("Tarih") "2021-02-15T09:39:31.5398074Z", T("Tarih") "15.02.2021", NULL),
    V("v2-belgeid-lowercase.eyp", "BelgeId in lowercase in a 2.x Ustveri", B2, mut_ust, RS, T("BelgeId") VGM_V2_ID, T("BelgeId") "b586d8e7-ade1-4b08-b2b8-57250b22f8dc", NULL),
    V("v1-belgeid-lowercase.eyp", "BelgeId in lowercase in a 1.x Ustveri (valid)", B1, mut_ust, RS, T("BelgeId") VGM_V1_ID, T("BelgeId") "737b9a9f-c88a-4258-b9bc-aeaf7908094e", NULL),
    V("v2-ek-id-syntax.eyp", "Ek Id 'EK-1' (not a GUID)", B2, mut_ust, RS, "Value=\"" VGM_V2_EK1 "\"", "Value=\"EK-1\"", NULL),
    V("v2-ek-id-duplicate.eyp", "second Ek has the first Ek's Id", B2, mut_ust, RS, "Value=\"" VGM_V2_EK2 "\"", "Value=\"" VGM_V2_EK1 "\"", NULL),
    V("v2-guvenlik-invalid.eyp", "GuvenlikKodu XYZ", B2, mut_ust, RS, T("GuvenlikKodu") "YOK", T("GuvenlikKodu") "XYZ", NULL),
    V("v2-guvenlik-ozl.eyp", "GuvenlikKodu OZL in 2.x (refused by the official API)", B2, mut_ust, RS, T("GuvenlikKodu") "YOK", T("GuvenlikKodu") "OZL", NULL),
    V("v2-guvenlik-tsd.eyp", "GuvenlikKodu TSD in 2.x (1.x code)", B2, mut_ust, RS, T("GuvenlikKodu") "YOK", T("GuvenlikKodu") "TSD", NULL),
    V("v2-guvenlik-gzl.eyp", "GuvenlikKodu GZL (classified)", B2, mut_ust, RS, T("GuvenlikKodu") "YOK", T("GuvenlikKodu") "GZL", NULL),
    V("v2-gecerlilik-bad.eyp", "GuvenlikKoduGecerlilikTarihi 'yarın'", BF, mut_ust, RS, "2031-02-15T00:00:00", "yarın", NULL),
    V("v2-gecerlilik-before.eyp", "GuvenlikKoduGecerlilikTarihi before NihaiUstveri/Tarih", BF, mut_ust, RS, "2031-02-15T00:00:00", "2020-01-01T00:00:00", NULL),
    V("v2-dagitim-none.eyp", "DagitimListesi without Dagitim", B2, mut_remove_elem, RS, "ustveri", "Dagitim", NULL),
    V("v2-ivedilik-invalid.eyp", "Ivedilik XYZ", B2, mut_ust, RS, T("Ivedilik") "NRM", T("Ivedilik") "XYZ", NULL),
    V("v2-ivedilik-civ.eyp", "Ivedilik CIV (obsolete since 1.2)", B2, mut_ust, RS, T("Ivedilik") "NRM", T("Ivedilik") "CIV", NULL),
    V("v2-ivedilik-ivd.eyp", "Ivedilik IVD in 2.x", B2, mut_ust, RS, T("Ivedilik") "NRM", T("Ivedilik") "IVD", NULL),
    V("v1-ivedilik-ivd.eyp", "Ivedilik IVD in 1.x (valid)", B1, mut_ust, RS, T("Ivedilik") "NRM", T("Ivedilik") "IVD", NULL),
    V("v1-ivedilik-civ.eyp", "Ivedilik CIV in a 1.3 package", B1, mut_ust, RS, T("Ivedilik") "NRM", T("Ivedilik") "CIV", NULL),
    V("v2-dagitim-turu.eyp", "DagitimTuru XYZ", B2, mut_ust, RS, T("DagitimTuru") "BLG", T("DagitimTuru") "XYZ", NULL),
    V("v2-miat-zero.eyp", "Miat 0 (not an xsd:duration)", B2, mut_ust, RS, T("Miat") "P1D", T("Miat") "0", NULL),
    V("v1-miat-zero.eyp", "Miat 0 in 1.x", B1, mut_ust, RS, T("Miat") "P1D", T("Miat") "0", NULL),
    V("v1-byk.eyp", "deprecated BYK after KKK in a 1.x Dagitim/KurumKurulus", B1, mut_ust, RS, T("KKK") "28119270" TE("KKK"), T("KKK") "28119270" TE("KKK") T("BYK") "28119270" TE("BYK"), NULL),
    V("v1-tcyk.eyp", "deprecated TCYK in a 1.x BelgeImza/Imza", B1, mut_edit, RS, "belgeimza", TE("Imza"), T("TCYK") "1" TE("TCYK") TE("Imza")),
    V("v2-byk.eyp", "1.x BYK after KKK in a 2.x Dagitim/KurumKurulus (not in the 2.x schema)", B2, mut_ust, RS, T("KKK") "28119270" TE("KKK"), T("KKK") "28119270" TE("KKK") T("BYK") "28119270" TE("BYK"), NULL),
    V("v2-gnl-no-miat.eyp", "Ivedilik GNL without Miat", B2, mut_ust, RS, T("Ivedilik") "NRM" TE("Ivedilik") NL "      " T("DagitimTuru") "BLG" TE("DagitimTuru") NL "      " T("Miat") "P1D" TE("Miat") NL, T("Ivedilik") "GNL" TE("Ivedilik") NL "      " T("DagitimTuru") "BLG" TE("DagitimTuru") NL, NULL),
    V("v2-konulmamis-dangling.eyp", "KonulmamisEk/EkId names no Ek", BF, mut_ust, RS, T("EkId") VGM_V2_EK2, T("EkId") VGM_OTHER_ID, NULL),
    V("v2-konulmamis-empty.eyp", "empty KonulmamisEkListesi", BF, mut_remove_elem, RS, "ustveri", "KonulmamisEk", NULL),
    V("v2-ozid-no-scheme.eyp", "OzId without schemeID", BF, mut_ust, RS, "<tipler:OzId schemeID=\"GUID\">", "<tipler:OzId>", NULL),
    V("v2-sdp-kod.eyp", "SDP Kod 70203", BF, mut_ust, RS, T("Kod") "702.03", T("Kod") "70203", NULL),
    V("v2-heysk-kod.eyp", "Heysk Kod 0", BF, mut_ust, RS, T("Kod") "1" TE("Kod"), T("Kod") "0" TE("Kod"), NULL),
    V("v2-ek-tur.eyp", "Ek Tur XYZ", BF, mut_ust, RS, T("Tur") "FZK", T("Tur") "XYZ", NULL),
    V("v2-ek-sirano-duplicate.eyp", "two Ek with SiraNo 1", B2, mut_ust, RS, T("SiraNo") "2", T("SiraNo") "1", NULL),
    V("v2-ek-ded-no-mime.eyp", "DED Ek without MimeTuru", B2, mut_ust, RS, T("DosyaAdi") "ek2.pdf" TE("DosyaAdi") NL "      " T("MimeTuru") "application/pdf" TE("MimeTuru") NL, T("DosyaAdi") "ek2.pdf" TE("DosyaAdi") NL, NULL),
    V("v2-ek-ded-no-part.eyp", "DED Ek whose part (and relationship, References) is absent (K.23)", B2, mut_remove_ek, RS, "Ekler/ek2.pdf", "refs", NULL),
    V("v2-ek-konulmamis-absent.eyp", "attachment listed in KonulmamisEkListesi absent, References kept (tolerated)", BF, mut_remove_ek, RS, "Ekler/ek2.pdf", NULL, NULL),
    V("v2-ek-undeclared.eyp", "signed attachment part not declared in Ustveri (K.24)", B2, mut_undeclared_ek, RS, NULL, NULL, NULL),
    V("v2-ek-hrf-referans.eyp", "HRF Ek with Referans 'ek4.pdf'", BF, mut_ust, RS, T("Referans") VGM_HRF_URL, T("Referans") "ek4.pdf", NULL),
    V("v2-ek-fzk-imzali.eyp", "FZK Ek with ImzaliMi true", BF, mut_ust, RS, T("SiraNo") "5" TE("SiraNo") NL, T("SiraNo") "5" TE("SiraNo") NL "      " T("ImzaliMi") "true" TE("ImzaliMi") NL, NULL),
    V("v2-ilgi-ekid-dangling.eyp", "Ilgi/EkId names no Ek", BF, mut_ust, RS, T("EkId") VGM_V2_EK1, T("EkId") VGM_OTHER_ID, NULL),
    V("v2-ilgi-etiket-duplicate.eyp", "two Ilgi with Etiket a", BF, mut_ust, RS, T("Etiket") "b", T("Etiket") "a", NULL),
    V("v2-ilgi-etiket-gap.eyp", "Ilgi labels a, c (gap)", BF, mut_ust, RS, T("Etiket") "b", T("Etiket") "c", NULL),
    V("v2-dogrulama-empty.eyp", "empty DogrulamaAdresi", B2, mut_ust, RS, T("DogrulamaAdresi") VGM_DOGRULAMA TE("DogrulamaAdresi"), "<tipler:DogrulamaAdresi />", NULL),
    V("v2-dogrulama-not-url.eyp", "DogrulamaAdresi 'belge-dogrulama' (not an http(s) URL)", B2, mut_ust, RS, VGM_DOGRULAMA, "belge-dogrulama", NULL),
    V("v2-dosyaadi-mismatch.eyp", "DosyaAdi 'baska.pdf'", B2, mut_ust, RS, T("DosyaAdi") "ustyazi.pdf", T("DosyaAdi") "baska.pdf", NULL),
    V("v2-tckn-checksum.eyp", "TCKN 11111111111 (bad check digits)", B2, mut_ust, RS, T("TCKN") "11111111110", T("TCKN") "11111111111", NULL),
    V("v2-kkk-legacy.eyp", "KKK 23ED5E7A15B9A2 (14-hex DTVT code)", B2, mut_ust, RS, T("KKK") "28119270", T("KKK") "23ED5E7A15B9A2", NULL),
    V("v2-kkk-legacy-all.eyp", "every KKK in the 14-hex DTVT form (matches the XSD)", B2, mut_kkk_all_legacy, RS, NULL, NULL, NULL),
    V("v2-kkk-garbage.eyp", "KKK 'ABC-123'", B2, mut_ust, RS, T("KKK") "28119270", T("KKK") "ABC-123", NULL),
    V("v2-tuzel-scheme.eyp", "TuzelSahis Id schemeID ABC", B2, mut_ust, RS, "schemeID=\"MERSIS\"", "schemeID=\"ABC\"", NULL),
    V("v2-kep-domain.eyp", "KepAdresi in domain kep.example.com", BF, mut_ust, RS, VGM_KEP, "tbmm@kep.example.com", NULL),
    /* -- NihaiUstveri, BelgeHedef, BelgeImza -- */
    V("v2-nihaiustveri-malformed.eyp", "NihaiUstveri cut in the middle", B2, mut_truncate, 0, "nihaiustveri", NULL, NULL),
    V("v2-nihaiustveri-belgeno.eyp", "empty NihaiUstveri/BelgeNo", B2, mut_edit, RS, "nihaiustveri", "E-24312041-702.03-1", ""),
    V("v2-nihaiustveri-imza.eyp", "NihaiUstveri/BelgeImzalar without Imza", B2, mut_remove_elem, RS, "nihaiustveri", "Imza", NULL),
    V("v2-nihaiustveri-tarih.eyp", "NihaiUstveri/Tarih 'dün'", B2, mut_edit, RS, "nihaiustveri", T("Tarih") "2021-02-15T09:39:32.1367712Z" TE("Tarih") NL "  " T("BelgeNo"), T("Tarih") "dün" TE("Tarih") NL "  " T("BelgeNo")),
    V("v1-belgehedef-malformed.eyp", "BelgeHedef cut in the middle", B1, mut_truncate, 0, "belgehedef", NULL, NULL),
    V("v1-belgehedef-empty.eyp", "BelgeHedef/HedefListesi without Hedef", B1, mut_remove_elem, RS, "belgehedef", "Hedef", NULL),
    V("v1-belgehedef-subset.eyp", "BelgeHedef lists 2 of 3 recipients (as in the sample)", B1, mut_remove_elem, RS, "belgehedef", "Hedef", "first"),
    V("v1-belgeimza-malformed.eyp", "BelgeImza cut in the middle", B1, mut_truncate, 0, "belgeimza", NULL, NULL),
    V("v1-belgeimza-no-imza.eyp", "BelgeImza/ImzaListesi without Imza", B1, mut_remove_elem, RS, "belgeimza", "Imza", NULL),
    /* -- summaries and digests -- */
    V("v2-parafozeti-malformed.eyp", "ParafOzeti cut in the middle", B2, mut_truncate, 0, "parafozeti", NULL, NULL),
    V("v2-paketozeti-malformed.eyp", "PaketOzeti cut in the middle", B2, mut_truncate, 0, "paketozeti", NULL, NULL),
    V("v2-nihaiozet-malformed.eyp", "NihaiOzet cut in the middle", B2, mut_truncate, 0, "nihaiozet", NULL, NULL),
    V("v2-parafozeti-id.eyp", "ParafOzeti/@Id another GUID", B2, mut_sum_attr, 0, "parafozeti", "Id", VGM_OTHER_ID),
    V("v2-paketozeti-id.eyp", "PaketOzeti/@Id another GUID", B2, mut_sum_attr, 0, "paketozeti", "Id", VGM_OTHER_ID),
    V("v2-nihaiozet-id.eyp", "NihaiOzet/@Id another GUID", B2, mut_sum_attr, 0, "nihaiozet", "Id", VGM_OTHER_ID),
    V("v1-paketozeti-id.eyp", "1.x PaketOzeti/@Id another GUID", B1, mut_sum_attr, 0, "paketozeti", "Id", VGM_OTHER_ID),
    V("v2-summary-id-syntax.eyp", "PaketOzeti/@Id 'BELGE-1'", B2, mut_sum_attr, 0, "paketozeti", "Id", "BELGE-1"),
    V("v2-summary-id-lowercase.eyp", "PaketOzeti/@Id = BelgeId in lowercase (2.x)", B2, mut_sum_attr, 0, "paketozeti", "Id", "b586d8e7-ade1-4b08-b2b8-57250b22f8dc"),
    V("v2-digest-single-item.eyp", "a 2.x Reference with one DigestItem (SHA-512 only)", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "drop0"),
    V("v2-reference-type.eyp", "Reference/@Type http://eyazisma.dpt/bilesen#baska", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "type=http://eyazisma.dpt/bilesen#baska"),
    V("v2-digest-sha1.eyp", "SHA-1 + SHA-512 in a 2.x Reference", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_SHA1),
    V("v2-digest-ripemd.eyp", "RIPEMD-160 + SHA-512 in a 2.x Reference", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_RIPEMD160),
    V("v2-digest-sha256.eyp", "SHA-256 + SHA-512 in a 2.x Reference (PHP's default; valid)", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_SHA256),
    V("v2-digest-same-alg.eyp", "two SHA-512 digests in a 2.x Reference", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_SHA512),
    V("v2-digest-no-sha512.eyp", "SHA-384 + SHA-256 in a 2.x Reference", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg1=" VG_ALG_SHA256),
    V("v1-digest-sha384.eyp", "SHA-384 in a 1.x Reference", B1, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_SHA384),
    V("v1-digest-sha1.eyp", "SHA-1 in a 1.x Reference (accepted in old packages)", B1, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_SHA1),
    V("v1-digest-ripemd.eyp", "RIPEMD-160 in a 1.x Reference (accepted in 1.x)", B1, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "alg0=" VG_ALG_RIPEMD160),
    V("v2-digest-value-bad.eyp", "DigestValue '!!!' (not base64)", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "value0=!!!"),
    V("v2-digest-value-short.eyp", "DigestValue of 3 bytes for SHA-384", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "value0=AAAA"),
    V("v2-digest-mismatch.eyp", "one bit of ek1.pdf flipped after sealing", B2, mut_flip, 0, "Ekler/ek1.pdf", NULL, NULL),
    V("v2-digest-mismatch-nihai.eyp", "NihaiUstveri changed after sealing", B2, mut_edit, 0, "nihaiustveri", "TOKDEMİR", "TOKDEMIR"),
    V("v1-digest-mismatch.eyp", "1.x BelgeHedef changed after sealing", B1, mut_edit, 0, "belgehedef", "HÜSEYİN", "HUSEYIN"),
    V("v2-parafozeti-coverage.eyp", "ParafOzeti without the Reference to ek1.pdf", B2, mut_ref, 0, "parafozeti", "/Ekler/ek1.pdf", "remove"),
    V("v2-paketozeti-coverage.eyp", "PaketOzeti without the Reference to Ustveri", B2, mut_ref, 0, "paketozeti", "/Ustveri/Ustveri.xml", "remove"),
    V("v2-nihaiozet-coverage.eyp", "NihaiOzet without the Reference to Core", B2, mut_ref, 0, "nihaiozet", "/package/services/metadata/core-properties/1ab86e621b584e9f811c3cb336120e1c.psmdcp", "remove"),
    V("v1-paketozeti-coverage.eyp", "1.x PaketOzeti without the Reference to BelgeHedef", B1, mut_ref, 0, "paketozeti", "/BelgeHedef/BelgeHedef.xml", "remove"),
    V("v2-parafozeti-target.eyp", "ParafOzeti references an absent /Ekler/yok.pdf", B2, mut_ref_add, 0, "parafozeti", "/Ekler/yok.pdf", VG_REF_DAHILI),
    V("v2-paketozeti-target.eyp", "PaketOzeti references an absent /Ekler/yok.pdf", B2, mut_ref_add, 0, "paketozeti", "/Ekler/yok.pdf", VG_REF_DAHILI),
    V("v2-nihaiozet-target.eyp", "NihaiOzet references an absent /Ekler/yok.pdf", B2, mut_ref_add, 0, "nihaiozet", "/Ekler/yok.pdf", VG_REF_DAHILI),
    V("v2-parafozeti-unsigned.eyp", "ParafOzeti covers the unsigned attachment", BF, mut_ref_add, 0, "parafozeti", "/ImzasizEkler/ek3.pdf", VG_REF_DAHILI),
    V("v2-paketozeti-unsigned.eyp", "PaketOzeti covers the unsigned attachment", BF, mut_ref_add, 0, "paketozeti", "/ImzasizEkler/ek3.pdf", VG_REF_DAHILI),
    V("v2-nihaiozet-unsigned.eyp", "NihaiOzet covers the unsigned attachment", BF, mut_ref_add, 0, "nihaiozet", "/ImzasizEkler/ek3.pdf", VG_REF_DAHILI),
    V("v2-nihaiozet-harici.eyp", "NihaiOzet has a #harici Reference (K.45)", BF, mut_ref_add, 0, "nihaiozet", VGM_HARICI_URI, VG_REF_HARICI),
    V("v2-parafimzacades-stripped.eyp", "ParafImzaCades part removed; relationship and References kept (tolerated)", B2, mut_strip_paraf, 0, NULL, NULL, NULL),
    /* -- signatures -- */
    V("v2-imzacades-placeholder.eyp", "ImzaCades = 01 02 03 04", B2, mut_sig, 0, "imzacades", "placeholder", NULL),
    V("v2-parafimzacades-placeholder.eyp", "ParafImzaCades = 01 02 03 04", B2, mut_sig, 0, "parafimzacades", "placeholder", NULL),
    V("v2-muhurcades-placeholder.eyp", "MuhurCades = 01 02 03 04", B2, mut_sig, 0, "muhurcades", "placeholder", NULL),
    V("v1-imzacades-placeholder.eyp", "1.x ImzaCades = 01 02 03 04", B1, mut_sig, 0, "imzacades", "placeholder", NULL),
    V("v2-imzacades-ber.eyp", "ImzaCades in indefinite-length BER", B2, mut_sig, 0, "imzacades", "ber", NULL),
    V("v2-imzacades-detached.eyp", "ImzaCades detached (no eContent)", B2, mut_sig, 0, "imzacades", "detached", NULL),
    V("v2-imzacades-other-content.eyp", "ImzaCades signs Ustveri instead of PaketOzeti", B2, mut_sig, 0, "imzacades", "other", NULL),
    V("v2-imzacades-not-signeddata.eyp", "ImzaCades is a CMS Data ContentInfo of PaketOzeti", B2, mut_sig, 0, "imzacades", "data", NULL),
    V("v2-parafimzacades-other-content.eyp", "ParafImzaCades signs Ustveri instead of ParafOzeti", B2, mut_sig, 0, "parafimzacades", "other", NULL),
    V("v2-muhurcades-detached.eyp", "MuhurCades detached (no eContent)", B2, mut_sig, 0, "muhurcades", "detached", NULL),
    /* -- XML safety -- */
    V("xml-doctype-ustveri.eyp", "DOCTYPE in Ustveri", B2, mut_ust, RS, "<UstVeri xmlns", "<!DOCTYPE UstVeri>" NL "<UstVeri xmlns", NULL),
    V("xml-xxe-rels.eyp", "external entity (XXE) declared and referenced in NihaiOzet's .rels", B2, mut_xxe, 0, "NihaiOzet/_rels/NihaiOzet.xml.rels", NULL, NULL),
    V("xml-rels-malformed.eyp", "NihaiOzet's .rels is not well-formed", B2, mut_edit_part, RS, "NihaiOzet/_rels/NihaiOzet.xml.rels", "</Relationships>", "</Relationship>"),
    /* -- ZIP and OPC container -- */
    V("zip-name-slip.eyp", "entry ../../uyum-slip.xml (zip slip)", B2, mut_zip_extra, RAW, "../../uyum-slip.xml", "<slip/>", NULL),
    V("zip-name-absolute.eyp", "entry /tmp/uyum-mutlak.xml (absolute)", B2, mut_zip_extra, RAW, "/tmp/uyum-mutlak.xml", "<mutlak/>", NULL),
    V("zip-name-backslash.eyp", "entry Fazla\\notlar.xml (backslash)", B2, mut_zip_extra, RAW, "Fazla\\notlar.xml", "<notlar/>", NULL),
    V("zip-name-too-long.eyp", "entry name of 1100 characters", B2, mut_zip_long_name, RAW, NULL, NULL, NULL),
    V("zip-duplicate-exact.eyp", "Ustveri/Ustveri.xml twice", B2, mut_zip_dup, RAW, "Ustveri/Ustveri.xml", "Ustveri/Ustveri.xml", NULL),
    V("zip-duplicate-case.eyp", "Ustveri/Ustveri.xml and ustveri/ustveri.xml", B2, mut_zip_dup, RAW, "Ustveri/Ustveri.xml", "ustveri/ustveri.xml", NULL),
    V("zip-raw-valid.eyp", "valid-2x written by the raw writer (all Stored; valid)", B2, NULL, RAW, NULL, NULL, NULL),
    V("zip-encrypted.eyp", "the unsigned attachment is ZIP-encrypted (PKWARE)", BF, mut_zip_entry, RAW, "ImzasizEkler/ek3.pdf", "encrypt", NULL),
    V("zip-method.eyp", "the unsigned attachment claims method 12 (bzip2)", BF, mut_zip_entry, RAW, "ImzasizEkler/ek3.pdf", "method12", NULL),
    V("zip-bad-crc.eyp", "the unsigned attachment has a wrong CRC-32", BF, mut_zip_entry, RAW, "ImzasizEkler/ek3.pdf", "badcrc", NULL),
    V("zip-entry-count.eyp", "4100 extra directory entries (over UY_MAX_ZIP_ENTRIES)", B2, mut_zip_many, RAW, NULL, NULL, NULL),
    V("zip-bomb.eyp", "unsigned attachment of 300 MiB zeros, deflated (ratio > 1000)", B2, mut_zip_zeros, RS, "1", "300", NULL),
    V("zip-entry-size.eyp", "unsigned attachment of 600 MiB zeros (over the entry limit)", B2, mut_zip_zeros, RS, "1", "600", NULL),
    V("zip-total-size.eyp", "three unsigned attachments of 400 MiB zeros (over the total limit)", B2, mut_zip_zeros, RS, "3", "400", NULL),
    VPOST("zip-truncated.eyp", "valid-2x cut in half", B2, post_truncate),
    VPOST("zip-not-zip.eyp", "a text file", B2, post_not_zip),
    VPOST("zip-empty.eyp", "an empty file", B2, post_empty),
    V("opc-content-types-missing.eyp", "no [Content_Types].xml", B2, mut_part_set, RS, "[Content_Types].xml", NULL, NULL),
    V("opc-content-types-malformed.eyp", "[Content_Types].xml not well-formed", B2, mut_part_set, RS, "[Content_Types].xml", "<Types xmlns=\"" VG_NS_CT "\"><Default", NULL),
    V("opc-part-untyped.eyp", "no Default for pdf", B2, mut_ct_remove_default, RS, "pdf", NULL, NULL),
    V("opc-component-content-type.eyp", "xml parts typed text/xml", B2, mut_ct_default, RS, "xml", "text/xml", NULL),
    V("opc-part-name-invalid.eyp", "entry Fazla/kotu./x.xml (segment ends with '.')", B2, mut_zip_extra, RAW, "Fazla/kotu./x.xml", "<x/>", NULL),
    V("opc-rels-missing.eyp", "no /_rels/.rels", B2, mut_part_set, 0, "_rels/.rels", NULL, NULL),
    V("opc-rels-duplicate-id.eyp", "two package relationships with the same Id", B2, mut_rel_set, RS, "IdEk_" VGM_V2_EK2, "Id", "IdEk_" VGM_V2_EK1),
    V("opc-rels-target-escapes.eyp", "relationship target ../../disari.xml escapes the package", B2, mut_rel_add, RS, "http://example.com/iliskiler/bilinmeyen", "../../disari.xml", "IdDisari"),
    /* -- encrypted packages -- */
    V("eyps-plain-valid.eyps", "SifreliIcerik is valid-2x.eyp as a plain ZIP", BEC, mut_eyps_content, 0, "plain", NULL, NULL),
    V("eyps-garbage.eyps", "SifreliIcerik is 4 KiB of noise", BEC, mut_eyps_content, 0, "garbage", NULL, NULL),
    V("eyps-outer-summary-differs.eyps", "plain inner package; outer NihaiOzet not byte-identical to the inner one", BEC, mut_eyps_content, 0, "plain", "outer-differs", NULL),
    V("eyps-inner-id-differs.eyps", "plain inner package; outer Core identifier differs from the inner BelgeId", BEC, mut_eyps_content, 0, "plain", "other-id", NULL),
    V("eyps-name-lowercase.eyps", "SifreliIcerik named with a lowercase GUID", BEC, mut_comp_move, 0, "sifreliicerik", "/SifreliIcerik/b586d8e7-ade1-4b08-b2b8-57250b22f8dc", NULL),
    V("eyps-bilgi-version.eyps", "SifreliIcerikBilgisi Version 1.3", BEC, mut_edit, 0, "sifreliicerikbilgisi", "Version=\"1.4\"", "Version=\"1.3\""),
    V("eyps-bilgi-malformed.eyps", "SifreliIcerikBilgisi cut in the middle", BEC, mut_truncate, 0, "sifreliicerikbilgisi", "noreseal", NULL),
    V("eyps-core-no-identifier.eyps", "outer Core without identifier", BEC, mut_edit, 0, "core", "<dc:identifier>" VGM_V2_ID "</dc:identifier>", ""),
    V("eyps-sifreliicerik-missing.eyps", "SifreliIcerik part and relationship removed", BEC, mut_comp_missing, 0, "sifreliicerik", NULL, NULL),
    V("eyps-sifreliicerik-dup.eyps", "second sifreliicerik relationship", BEC, mut_comp_dup, 0, "sifreliicerik", NULL, NULL),
    V("eyps-sifreliicerik-moved.eyps", "SifreliIcerik moved to /Sifreli/<GUID>", BEC, mut_comp_move, 0, "sifreliicerik", "/Sifreli/" VGM_V2_ID, NULL),
    V("eyps-sifreliicerik-relcase.eyps", "sifreliicerik relationship type written .../SifreliIcerik", BEC, mut_comp_relcase, 0, "sifreliicerik", VG_REL_PREFIX "SifreliIcerik", NULL),
    V("eyps-bilgi-missing.eyps", "SifreliIcerikBilgisi removed", BEC, mut_comp_missing, 0, "sifreliicerikbilgisi", NULL, NULL),
    V("eyps-bilgi-dup.eyps", "second sifreliicerikbilgisi relationship", BEC, mut_comp_dup, 0, "sifreliicerikbilgisi", NULL, NULL),
    V("eyps-bilgi-moved.eyps", "SifreliIcerikBilgisi moved to /Bilgi/SifreliIcerikBilgisi.xml", BEC, mut_comp_move, 0, "sifreliicerikbilgisi", "/Bilgi/SifreliIcerikBilgisi.xml", NULL),
    V("eyps-nihaiozet-missing.eyps", "outer NihaiOzet removed", BEC, mut_comp_missing, 0, "nihaiozet", NULL, NULL),
    V("eyps-belgehedef-dup.eyps", "second belgehedef relationship", BEC, mut_comp_dup, 0, "belgehedef", NULL, NULL),
    /* -- update packages -- */
    V("eypg-missing-field.eypg", "GuncellemeBilgisi without KomisyonKarariBelgeNo", BG, mut_edit, RS, "guncellemebilgisi", "<KomisyonKarariBelgeNo>E-68244839-170.01-44181</KomisyonKarariBelgeNo>", ""),
    V("eypg-bilgi-malformed.eypg", "GuncellemeBilgisi cut in the middle", BG, mut_truncate, 0, "guncellemebilgisi", NULL, NULL),
    V("eypg-orig-eyps.eypg", "OrijinalPaket is an encrypted package", BG, mut_eypg_orig_eyps, RS, NULL, NULL, NULL),
    V("eypg-nihaiozet-id.eypg", "NihaiOzet/@Id = the original's BelgeId instead of the update's identifier", BG, mut_sum_attr, 0, "nihaiozet", "Id", VGM_V2_ID),
    V("eypg-nihaiozet-coverage.eypg", "NihaiOzet without the Reference to OrijinalPaket", BG, mut_ref, 0, "nihaiozet", "/OrijinalPaket/OrijinalPaket.eyp", "remove"),
    V("eypg-bilgi-missing.eypg", "GuncellemeBilgisi removed", BG, mut_comp_missing, RS, "guncellemebilgisi", NULL, NULL),
    V("eypg-bilgi-dup.eypg", "second guncellemebilgisi relationship", BG, mut_comp_dup, RS, "guncellemebilgisi", NULL, NULL),
    V("eypg-bilgi-moved.eypg", "GuncellemeBilgisi moved to /Bilgi/GuncellemeBilgisi.xml", BG, mut_comp_move, RS, "guncellemebilgisi", "/Bilgi/GuncellemeBilgisi.xml", NULL),
    V("eypg-bilgi-relcase.eypg", "guncellemebilgisi relationship type written .../GuncellemeBilgisi", BG, mut_comp_relcase, RS, "guncellemebilgisi", VG_REL_PREFIX "GuncellemeBilgisi", NULL),
    V("eypg-orig-missing.eypg", "OrijinalPaket removed", BG, mut_comp_missing, RS, "orijinalpaket", NULL, NULL),
    V("eypg-orig-dup.eypg", "second orijinalpaket relationship", BG, mut_comp_dup, RS, "orijinalpaket", NULL, NULL),
    V("eypg-orig-moved.eypg", "OrijinalPaket moved to /Orijinal/OrijinalPaket.eyp", BG, mut_comp_move, RS, "orijinalpaket", "/Orijinal/OrijinalPaket.eyp", NULL),
    V("eypg-muhurcades-missing.eypg", "update package without seal", BG, mut_comp_missing, RS, "muhurcades", NULL, NULL),
    {NULL, NULL, VG_BASE_NONE, NULL, NULL, 0, NULL, NULL, NULL},
};
