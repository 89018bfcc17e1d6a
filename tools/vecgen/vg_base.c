/* uy-vecgen: the valid baselines (spec §15 defects fixed) and shared edit helpers; see vg.h, vg_mut.h. */
#include "vg_mut.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "uyum/uy_alloc.h"

/* see vg_mut.h */
uy_err
vgm_ust(vg_pkg *p, const char *from, const char *to)
{
	return vg_replace(p, VGM_USTVERI, from, to, 0);
}

/* see vg_mut.h */
char *
vgm_part(const vg_pkg *p, const char *type)
{
	char *full = uy_asprintf(VG_REL_PREFIX "%s", type);
	char *r = NULL;

	if (full == NULL) {
		return NULL;
	}
	r = vg_rel_target_part(p, "/", strcmp(type, "core") == 0 ? VG_REL_CORE : full);
	uy_free(full);
	return r;
}

/* see vg_mut.h */
uy_err
vgm_edit(vg_pkg *p, const char *type, const char *from, const char *to)
{
	char *part = vgm_part(p, type);

	if (part == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no %s part", type);
	}
	uy_err rc = vg_replace(p, part, from, to, 0);
	uy_free(part);
	return rc;
}

/* see vg.h */
uy_err
vg_load_sample(const vg_ctx *g, const char *file, vg_pkg *out)
{
	char *path = uy_asprintf("%s/%s", g->samples_dir, file);
	uy_err rc = UY_OK;

	UY_ENSURE(path != NULL, UY_ERR_NOMEM);
	rc = vg_pkg_load(out, path);
	uy_free(path);
	return rc;
}

/* see vg_mut.h */
xmlNodePtr
vgm_ref_find(xmlDocPtr doc, const char *uri)
{
	for (xmlNodePtr r = xmlDocGetRootElement(doc)->children; r != NULL; r = r->next) {
		if (r->type != XML_ELEMENT_NODE || strcmp((const char *)r->name, "Reference") != 0) {
			continue;
		}
		if (uri == NULL) {
			return r;
		}
		xmlChar *u = xmlGetProp(r, BAD_CAST "URI");
		int hit = u != NULL && strcasecmp((const char *)u, uri) == 0;
		xmlFree(u);
		if (hit) {
			return r;
		}
	}
	return NULL;
}

/* see vg_mut.h */
xmlNodePtr
vgm_nth(xmlNodePtr top, const char *local, int n)
{
	for (xmlNodePtr c = top->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE) {
			continue;
		}
		if (strcmp((const char *)c->name, local) == 0) {
			if (n == 0) {
				return c;
			}
			n--;
			continue;
		}
		/* Look into DigestItem (2.x) in document order. */
		for (xmlNodePtr d = c->children; d != NULL; d = d->next) {
			if (d->type == XML_ELEMENT_NODE && strcmp((const char *)d->name, local) == 0) {
				if (n == 0) {
					return d;
				}
				n--;
			}
		}
	}
	return NULL;
}

/* see vg_mut.h */
uy_err
vgm_sum_load(const vg_pkg *p, const char *type, xmlDocPtr *doc, char **part)
{
	*doc = NULL;
	*part = vgm_part(p, type);
	if (*part == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no %s summary", type);
	}
	uy_err rc = vg_xml_load(p, *part, doc);
	if (rc != UY_OK) {
		uy_free(*part);
		*part = NULL;
	}
	return rc;
}

/* see vg_mut.h */
uy_err
vgm_add_reference(vg_pkg *p, const char *type, const char *uri, const char *ref_type,
    const uint8_t *data, size_t len)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *part = NULL;

	UY_TRY_OUT(vgm_sum_load(p, type, &doc, &part));
	xmlNodePtr first = vgm_ref_find(doc, NULL);
	UY_ENSURE_OUT(first != NULL, UY_ERR_NOT_FOUND);
	xmlNodePtr copy = xmlCopyNode(first, 1);
	UY_ENSURE_OUT(copy != NULL, UY_ERR_NOMEM);
	xmlSetProp(copy, BAD_CAST "URI", BAD_CAST uri);
	xmlSetProp(copy, BAD_CAST "Type", BAD_CAST ref_type);
	/* Digests of the given bytes (for parts absent or external); a
	 * present internal part is recomputed by the re-seal anyway. */
	for (int i = 0; data != NULL; i++) {
		xmlNodePtr m = vgm_nth(copy, "DigestMethod", i);
		xmlNodePtr v = vgm_nth(copy, "DigestValue", i);
		if (m == NULL || v == NULL) {
			break;
		}
		xmlChar *alg = xmlGetProp(m, BAD_CAST "Algorithm");
		const EVP_MD *md = vg_md_for_uri((const char *)alg);
		xmlFree(alg);
		unsigned char dig[EVP_MAX_MD_SIZE];
		unsigned int dl = 0;
		char b64[160];
		UY_ENSURE_OUT(md != NULL && EVP_Digest(data, len, dig, &dl, md, NULL) == 1,
		    UY_ERR_CRYPTO);
		EVP_EncodeBlock((unsigned char *)b64, dig, (int)dl);
		xmlNodeSetContent(v, BAD_CAST b64);
	}
	xmlNodePtr last = xmlGetLastChild(xmlDocGetRootElement(doc));
	xmlAddNextSibling(last != NULL ? last : first, copy);
	UY_TRY_OUT(vg_xml_store(p, part, doc));
done:
	xmlFreeDoc(doc);
	uy_free(part);
	return rc;
}

/* see vg_mut.h */
uy_err
vgm_remove_reference(vg_pkg *p, const char *type, const char *uri)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *part = NULL;

	UY_TRY_OUT(vgm_sum_load(p, type, &doc, &part));
	xmlNodePtr r = vgm_ref_find(doc, uri);
	if (r == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "no Reference %s in %s", uri, part);
		goto done;
	}
	xmlUnlinkNode(r);
	xmlFreeNode(r);
	UY_TRY_OUT(vg_xml_store(p, part, doc));
done:
	xmlFreeDoc(doc);
	uy_free(part);
	return rc;
}

/* see vg_mut.h */
uy_err
vgm_add_part(vg_pkg *p, const char *kind, const char *name, const char *id, const char *data,
    size_t len, uint64_t zeros)
{
	char *type = uy_asprintf(VG_REL_PREFIX "%s", kind);
	char *target = uy_asprintf("/%s", name);
	uy_err rc = UY_OK;

	UY_ENSURE_OUT(type != NULL && target != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_set(p, name, data, len));
	if (zeros > 0) {
		vg_entry *e = vg_find(p, name);
		uy_free(e->data);
		e->data = NULL;
		e->len = 0;
		e->zeros = zeros;
	}
	UY_TRY_OUT(vg_rel_add(p, "/", id, type, target));
done:
	uy_free(type);
	uy_free(target);
	return rc;
}

/* see vg_mut.h */
uy_err
vgm_add_ek_entry(vg_pkg *p, const char *guid, const char *file, const char *mime, int sira,
    int imzali)
{
	char *block = uy_asprintf(
	    "    <tipler:Ek>" VGM_NL
	    "      <tipler:Id Value=\"%s\" EYazismaIdMi=\"false\" />" VGM_NL
	    "      <tipler:Tur>DED</tipler:Tur>" VGM_NL
	    "      <tipler:DosyaAdi>%s</tipler:DosyaAdi>" VGM_NL
	    "      <tipler:MimeTuru>%s</tipler:MimeTuru>" VGM_NL
	    "      <tipler:Ad>Ek %d</tipler:Ad>" VGM_NL
	    "      <tipler:SiraNo>%d</tipler:SiraNo>" VGM_NL
	    "      <tipler:ImzaliMi>%s</tipler:ImzaliMi>" VGM_NL
	    "    </tipler:Ek>" VGM_NL
	    "  </tipler:Ekler>",
	    guid, file, mime, sira, sira, imzali ? "true" : "false");

	UY_ENSURE(block != NULL, UY_ERR_NOMEM);
	uy_err rc = vgm_ust(p, "  </tipler:Ekler>", block);
	uy_free(block);
	return rc;
}

/* see vg_mut.h */
uy_err
vgm_add_imzasiz_ek(vg_pkg *p, const char *guid, const char *file, const char *data, size_t len,
    uint64_t zeros, int sira)
{
	char *name = uy_asprintf("ImzasizEkler/%s", file);
	char *id = uy_asprintf("IdImzasizEk_%s", guid);
	uy_err rc = UY_OK;
	const char *dot = strrchr(file, '.');
	int pdf = dot != NULL && strcasecmp(dot, ".pdf") == 0;

	UY_ENSURE_OUT(name != NULL && id != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vgm_add_part(p, "imzasizEk", name, id, data, len, zeros));
	if (!pdf && dot != NULL) {
		/* Attachments use the MIME type declared in Ustveri (spec §2.2). */
		UY_TRY_OUT(vg_ct_default(p, dot + 1, "application/octet-stream"));
	}
	UY_TRY_OUT(vgm_add_ek_entry(p, guid, file, pdf ? "application/pdf" : "application/octet-stream",
	    sira, 0));
done:
	uy_free(name);
	uy_free(id);
	return rc;
}

/* Fixes shared by both generations' baselines (spec §15.2, §15.3). */
static uy_err
base_fix_common(vg_pkg *p, const char *dosya_adi)
{
	char *from = uy_asprintf("<tipler:DosyaAdi>%s</tipler:DosyaAdi>", dosya_adi);
	uy_err rc = UY_OK;

	UY_ENSURE_OUT(from != NULL, UY_ERR_NOMEM);
	/* CS writes .../PaketOzeti; the guide and the official APIs .../paketozeti. */
	UY_TRY_OUT(vg_rel_set(p, "/", "IdPaketOzeti", "Type", VG_REL_PREFIX "paketozeti"));
	/* Miat is an xsd:duration; "0" is not one. */
	UY_TRY_OUT(vg_replace(p, VGM_USTVERI, "<tipler:Miat>0</tipler:Miat>",
	    "<tipler:Miat>P1D</tipler:Miat>", 1));
	/* DosyaAdi names the cover letter (PHP warns otherwise). */
	UY_TRY_OUT(vgm_ust(p, from, "<tipler:DosyaAdi>ustyazi.pdf</tipler:DosyaAdi>"));
done:
	uy_free(from);
	return rc;
}

/* see vg.h */
uy_err
vg_build_v1(const vg_ctx *g, vg_pkg *out)
{
	uy_err rc = UY_OK;

	UY_TRY(vg_load_sample(g, "paketv1x.eyp", out));
	UY_TRY_OUT(base_fix_common(out, "737b9a9f-c88a-4258-b9bc-aeaf7908094e.eyp"));
	/* BelgeHedef names all three recipients of DagitimListesi. */
	UY_TRY_OUT(vg_replace(out, "BelgeHedef/BelgeHedef.xml", "  <tipler:HedefListesi>" VGM_NL,
	    "  <tipler:HedefListesi>" VGM_NL
	    "    <tipler:Hedef>" VGM_NL
	    "      <tipler:GercekSahis>" VGM_NL
	    "        <tipler:Kisi>" VGM_NL
	    "          <tipler:IlkAdi>HÜSEYİN</tipler:IlkAdi>" VGM_NL
	    "          <tipler:Soyadi>KARTAL</tipler:Soyadi>" VGM_NL
	    "        </tipler:Kisi>" VGM_NL
	    "        <tipler:TCKN>11111111110</tipler:TCKN>" VGM_NL
	    "      </tipler:GercekSahis>" VGM_NL
	    "    </tipler:Hedef>" VGM_NL,
	    0));
	UY_TRY_OUT(vg_reseal(g, out));
done:
	if (rc != UY_OK) {
		vg_pkg_dispose(out);
	}
	return rc;
}

/* see vg.h */
uy_err
vg_build_v2(const vg_ctx *g, vg_pkg *out)
{
	uy_err rc = UY_OK;

	UY_TRY(vg_load_sample(g, "paketv2x.eyp", out));
	UY_TRY_OUT(base_fix_common(out, "b586d8e7-ade1-4b08-b2b8-57250b22f8dc.eyp"));
	UY_TRY_OUT(vgm_ust(out, "<tipler:DogrulamaAdresi />",
	    "<tipler:DogrulamaAdresi>" VGM_DOGRULAMA "</tipler:DogrulamaAdresi>"));
	/* MimeTuru at its XSD position: after GuvenlikKodu(GecerlilikTarihi),
	 * before OzId/DagitimListesi, in the Tipler-2 namespace. */
	UY_TRY_OUT(vgm_ust(out, "<tipler:GuvenlikKodu>YOK</tipler:GuvenlikKodu>" VGM_NL,
	    "<tipler:GuvenlikKodu>YOK</tipler:GuvenlikKodu>" VGM_NL
	    "  <tipler:MimeTuru>application/pdf</tipler:MimeTuru>" VGM_NL));
	UY_TRY_OUT(vg_reseal(g, out));
done:
	if (rc != UY_OK) {
		vg_pkg_dispose(out);
	}
	return rc;
}

/* see vg.h */
uy_err
vg_build_v2full(const vg_ctx *g, const vg_pkg *v2, vg_pkg *out)
{
	uy_err rc = UY_OK;
	const vg_entry *ek2 = NULL;
	static const char harici[] = "uyum harici bilesen";

	UY_TRY(vg_pkg_copy(out, v2));
	/* Validity of the classification (nillable dateTime), after GuvenlikKodu. */
	UY_TRY_OUT(vgm_ust(out, "<tipler:GuvenlikKodu>YOK</tipler:GuvenlikKodu>" VGM_NL,
	    "<tipler:GuvenlikKodu>YOK</tipler:GuvenlikKodu>" VGM_NL
	    "  <tipler:GuvenlikKoduGecerlilikTarihi>2031-02-15T00:00:00</tipler:GuvenlikKoduGecerlilikTarihi>" VGM_NL));
	UY_TRY_OUT(vgm_ust(out,
	    "  <tipler:MimeTuru>application/pdf</tipler:MimeTuru>" VGM_NL "  <tipler:DagitimListesi>",
	    "  <tipler:MimeTuru>application/pdf</tipler:MimeTuru>" VGM_NL
	    "  <tipler:OzId schemeID=\"GUID\">" VGM_OZID "</tipler:OzId>" VGM_NL
	    "  <tipler:DagitimListesi>"));
	/* First recipient: dated (GNL) with its Miat. */
	UY_TRY_OUT(vgm_ust(out, "<tipler:Ivedilik>NRM</tipler:Ivedilik>",
	    "<tipler:Ivedilik>GNL</tipler:Ivedilik>"));
	/* Second recipient does not get attachment 2. */
	UY_TRY_OUT(vgm_ust(out,
	    "<tipler:DagitimTuru>GRG</tipler:DagitimTuru>" VGM_NL "      <tipler:Miat>P1D</tipler:Miat>" VGM_NL,
	    "<tipler:DagitimTuru>GRG</tipler:DagitimTuru>" VGM_NL
	    "      <tipler:Miat>P1D</tipler:Miat>" VGM_NL
	    "      <tipler:KonulmamisEkListesi>" VGM_NL
	    "        <tipler:KonulmamisEk>" VGM_NL
	    "          <tipler:EkId>" VGM_V2_EK2 "</tipler:EkId>" VGM_NL
	    "        </tipler:KonulmamisEk>" VGM_NL
	    "      </tipler:KonulmamisEkListesi>" VGM_NL));
	/* Third recipient has a KEP address (CT_IletisimBilgisi order: after EPosta). */
	UY_TRY_OUT(vgm_ust(out, "<tipler:EPosta>yavuz.beyribey@tbmm.gov.tr</tipler:EPosta>" VGM_NL,
	    "<tipler:EPosta>yavuz.beyribey@tbmm.gov.tr</tipler:EPosta>" VGM_NL
	    "          <tipler:KepAdresi>" VGM_KEP "</tipler:KepAdresi>" VGM_NL));
	/* An unsigned attachment (not in any summary), an HRF and an FZK attachment. */
	ek2 = vg_find(out, "Ekler/ek2.pdf");
	UY_ENSURE_OUT(ek2 != NULL, UY_ERR_NOT_FOUND);
	UY_TRY_OUT(vgm_add_imzasiz_ek(out, VGM_IMZASIZ_EK, "ek3.pdf", (const char *)ek2->data,
	    ek2->len, 0, 3));
	UY_TRY_OUT(vgm_ust(out, "  </tipler:Ekler>",
	    "    <tipler:Ek>" VGM_NL
	    "      <tipler:Id Value=\"" VGM_HRF_EK "\" EYazismaIdMi=\"false\" />" VGM_NL
	    "      <tipler:Tur>HRF</tipler:Tur>" VGM_NL
	    "      <tipler:Ad>Ek 4</tipler:Ad>" VGM_NL
	    "      <tipler:SiraNo>4</tipler:SiraNo>" VGM_NL
	    "      <tipler:Referans>" VGM_HRF_URL "</tipler:Referans>" VGM_NL
	    "      <tipler:ImzaliMi>false</tipler:ImzaliMi>" VGM_NL
	    "    </tipler:Ek>" VGM_NL
	    "    <tipler:Ek>" VGM_NL
	    "      <tipler:Id Value=\"" VGM_FZK_EK "\" EYazismaIdMi=\"false\" />" VGM_NL
	    "      <tipler:Tur>FZK</tipler:Tur>" VGM_NL
	    "      <tipler:Ad>İki adet CD</tipler:Ad>" VGM_NL
	    "      <tipler:SiraNo>5</tipler:SiraNo>" VGM_NL
	    "    </tipler:Ek>" VGM_NL
	    "  </tipler:Ekler>" VGM_NL
	    "  <tipler:Ilgiler>" VGM_NL
	    "    <tipler:Ilgi>" VGM_NL
	    "      <tipler:Id Value=\"" VGM_ILGI1 "\" EYazismaIdMi=\"false\" />" VGM_NL
	    "      <tipler:Etiket>a</tipler:Etiket>" VGM_NL
	    "      <tipler:EkId>" VGM_V2_EK1 "</tipler:EkId>" VGM_NL
	    "      <tipler:Ad>İlgi yazı</tipler:Ad>" VGM_NL
	    "    </tipler:Ilgi>" VGM_NL
	    "    <tipler:Ilgi>" VGM_NL
	    "      <tipler:Id Value=\"" VGM_ILGI2 "\" EYazismaIdMi=\"false\" />" VGM_NL
	    "      <tipler:Etiket>b</tipler:Etiket>" VGM_NL
	    "    </tipler:Ilgi>" VGM_NL
	    "  </tipler:Ilgiler>"));
	UY_TRY_OUT(vgm_ust(out, "<tipler:DosyaAdi>ustyazi.pdf</tipler:DosyaAdi>" VGM_NL,
	    "<tipler:DosyaAdi>ustyazi.pdf</tipler:DosyaAdi>" VGM_NL
	    "  <tipler:SdpBilgisi>" VGM_NL
	    "    <tipler:AnaSdp>" VGM_NL
	    "      <tipler:Kod>702.03</tipler:Kod>" VGM_NL
	    "      <tipler:Ad>Bilgi İşlem Hizmetleri</tipler:Ad>" VGM_NL
	    "    </tipler:AnaSdp>" VGM_NL
	    "  </tipler:SdpBilgisi>" VGM_NL
	    "  <tipler:HeyskListesi>" VGM_NL
	    "    <tipler:Heysk>" VGM_NL
	    "      <tipler:Kod>1</tipler:Kod>" VGM_NL
	    "      <tipler:Ad>Örnek HEYSK</tipler:Ad>" VGM_NL
	    "    </tipler:Heysk>" VGM_NL
	    "  </tipler:HeyskListesi>" VGM_NL));
	/* PaketOzeti may summarise an external component (#harici, spec §7). */
	UY_TRY_OUT(vgm_add_reference(out, "paketozeti", VGM_HARICI_URI, VG_REF_HARICI,
	    (const uint8_t *)harici, sizeof(harici) - 1));
	UY_TRY_OUT(vg_reseal(g, out));
done:
	if (rc != UY_OK) {
		vg_pkg_dispose(out);
	}
	return rc;
}

/* see vg.h */
uy_err
vg_build_eyps_cms(const vg_ctx *g, const uint8_t *inner, size_t inner_len, const vg_pkg *v2,
    vg_pkg *out)
{
	uy_err rc = UY_OK;
	uint8_t *env = NULL;
	size_t env_len = 0;

	UY_TRY(vg_load_sample(g, "sifrelipaketv2x.eyps", out));
	UY_TRY_OUT(vg_cms_encrypt(g, inner, inner_len, &env, &env_len));
	UY_TRY_OUT(vg_set(out, VGM_EYPS_SAMPLE_PART, env, env_len));
	/* The content is named after the inner BelgeId (CS; spec §9). */
	UY_TRY_OUT(vg_move_part(out, "/" VGM_EYPS_SAMPLE_PART, "/SifreliIcerik/" VGM_V2_ID));
	/* The outer NihaiOzet is a byte-identical copy of the inner one. */
	const vg_entry *nihai = vg_find(v2, "NihaiOzet/NihaiOzet.xml");
	UY_ENSURE_OUT(nihai != NULL, UY_ERR_NOT_FOUND);
	UY_TRY_OUT(vg_set(out, "NihaiOzet/NihaiOzet.xml", nihai->data, nihai->len));
	/* Outer Core with identifier (= inner BelgeId) and created (spec §9). */
	UY_TRY_OUT(vgm_edit(out, "core", "<dc:creator>",
	    "<dc:identifier>" VGM_V2_ID "</dc:identifier>"
	    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-02-15T13:56:00Z</dcterms:created>"
	    "<dc:creator>"));
done:
	uy_free(env);
	if (rc != UY_OK) {
		vg_pkg_dispose(out);
	}
	return rc;
}

/* see vg.h */
uy_err
vg_build_eypg(const vg_ctx *g, const uint8_t *orig, size_t orig_len, const char *orig_name,
    vg_pkg *out)
{
	uy_err rc = UY_OK;
	char *orig_target = uy_asprintf("/%s", orig_name);
	static const char ct[] =
	    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<Types xmlns=\"" VG_NS_CT "\">"
	    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
	    "<Default Extension=\"psmdcp\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\" />"
	    "<Default Extension=\"xml\" ContentType=\"application/xml\" />"
	    "<Default Extension=\"imz\" ContentType=\"application/octet-stream\" />"
	    "<Default Extension=\"eyp\" ContentType=\"application/x-zip-compressed\" />"
	    "</Types>";
	static const char core[] =
	    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "<coreProperties xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\">"
	    "<dc:identifier>" VGM_EYPG_ID "</dc:identifier>"
	    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2022-05-05T09:00:00Z</dcterms:created>"
	    "<dc:creator>BİLGİ İŞLEM DAİRESİ BAŞKANLIĞI/61648174</dc:creator>"
	    "<dc:subject>Gizlilik Derecesi Değiştirme</dc:subject>"
	    "<category>RESMIYAZISMA/GUNCELLEME</category>"
	    "<contentType>application/eyazisma</contentType>"
	    "<version>2.1</version>"
	    "<revision>DotNet/uy-vecgen</revision>"
	    "</coreProperties>";
	static const char bilgi[] =
	    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>" VGM_NL
	    "<GuncellemeBilgisi xmlns=\"urn:dpt:eyazisma:schema:xsd:Tipler-2\">" VGM_NL
	    "  <Guncellemeler>" VGM_NL
	    "    <GuncellemeTuru>GuvenlikKodu</GuncellemeTuru>" VGM_NL
	    "    <GuvenlikKoduDegisiklikBilgisi>" VGM_NL
	    "      <YeniGizlilikDerecesi>YOK</YeniGizlilikDerecesi>" VGM_NL
	    "      <DegistirmeTarihi>2022-05-05T00:00:00</DegistirmeTarihi>" VGM_NL
	    "      <Aciklama>Komisyon kararıyla gizlilik derecesi kaldırılmıştır.</Aciklama>" VGM_NL
	    "      <KomisyonKarariBelgeNo>E-68244839-170.01-44181</KomisyonKarariBelgeNo>" VGM_NL
	    "      <KomisyonKarariBelgeId>" VGM_KOMISYON_ID "</KomisyonKarariBelgeId>" VGM_NL
	    "    </GuvenlikKoduDegisiklikBilgisi>" VGM_NL
	    "  </Guncellemeler>" VGM_NL
	    "</GuncellemeBilgisi>";
	/* Digest values are placeholders; the re-seal computes them. */
#define VGM_REF(uri) \
	"  <Reference URI=\"" uri "\" Type=\"" VG_REF_DAHILI "\" xmlns=\"urn:dpt:eyazisma:schema:xsd:PaketOzeti-2\">" VGM_NL \
	"    <DigestItem>" VGM_NL \
	"      <DigestMethod Algorithm=\"" VG_ALG_SHA384 "\" />" VGM_NL \
	"      <DigestValue>AA==</DigestValue>" VGM_NL \
	"    </DigestItem>" VGM_NL \
	"    <DigestItem>" VGM_NL \
	"      <DigestMethod Algorithm=\"" VG_ALG_SHA512 "\" />" VGM_NL \
	"      <DigestValue>AA==</DigestValue>" VGM_NL \
	"    </DigestItem>" VGM_NL \
	"  </Reference>" VGM_NL
	char *nihai = uy_asprintf(
	    "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>" VGM_NL
	    "<NihaiOzet xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
	    "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" Id=\"" VGM_EYPG_ID "\" "
	    "xmlns=\"urn:dpt:eyazisma:schema:xsd:NihaiOzet-2\">" VGM_NL
	    VGM_REF("/GuncellemeBilgisi/GuncellemeBilgisi.xml")
	    VGM_REF("%s")
	    VGM_REF("/" VGM_EYPG_CORE)
	    "</NihaiOzet>",
	    orig_target);
#undef VGM_REF

	memset(out, 0, sizeof(*out));
	UY_ENSURE_OUT(orig_target != NULL && nihai != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_set(out, "[Content_Types].xml", ct, sizeof(ct) - 1));
	UY_TRY_OUT(vg_rel_add(out, "/", "IdGuncellemeBilgisi", VG_REL_PREFIX "guncellemebilgisi",
	    "/GuncellemeBilgisi/GuncellemeBilgisi.xml"));
	UY_TRY_OUT(vg_rel_add(out, "/", "IdOrijinalPaket", VG_REL_PREFIX "orijinalpaket", orig_target));
	UY_TRY_OUT(vg_rel_add(out, "/", "IdNihaiOzet", VG_REL_PREFIX "nihaiozet",
	    "/NihaiOzet/NihaiOzet.xml"));
	UY_TRY_OUT(vg_rel_add(out, "/", "R5a0c3e1d9b7f4a21", VG_REL_CORE, "/" VGM_EYPG_CORE));
	UY_TRY_OUT(vg_set(out, VGM_EYPG_CORE, core, sizeof(core) - 1));
	UY_TRY_OUT(vg_set(out, "GuncellemeBilgisi/GuncellemeBilgisi.xml", bilgi, sizeof(bilgi) - 1));
	UY_TRY_OUT(vg_set(out, orig_name, orig, orig_len));
	UY_TRY_OUT(vg_set(out, "NihaiOzet/NihaiOzet.xml", nihai, strlen(nihai)));
	UY_TRY_OUT(vg_set(out, "Muhur/MuhurCades.imz", "\x01\x02\x03\x04", 4));
	UY_TRY_OUT(vg_rel_add(out, "/NihaiOzet/NihaiOzet.xml", "IdMuhurCades",
	    VG_REL_PREFIX "muhurcades", "../Muhur/MuhurCades.imz"));
	UY_TRY_OUT(vg_reseal(g, out));
done:
	uy_free(orig_target);
	uy_free(nihai);
	if (rc != UY_OK) {
		vg_pkg_dispose(out);
	}
	return rc;
}
