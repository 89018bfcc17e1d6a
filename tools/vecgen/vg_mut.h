/*
 * vg_mut.h - shared constants and edit helpers of the baselines (vg_base.c)
 * and the mutations (vg_mut.c). Internal to uy-vecgen.
 */
#ifndef UY_VECGEN_VG_MUT_H
#define UY_VECGEN_VG_MUT_H

#include "vg.h"

/* The samples use CRLF line ends (verified on the sample packages). */
#define VGM_NL "\r\n"
#define VGM_USTVERI "Ustveri/Ustveri.xml"

/* Identifiers of the samples (spec §15). */
#define VGM_V1_ID "737B9A9F-C88A-4258-B9BC-AEAF7908094E"
#define VGM_V1_EK1 "5BF36615-D99C-49EC-A96B-6D2E17B5D495"
#define VGM_V2_ID "B586D8E7-ADE1-4B08-B2B8-57250B22F8DC"
#define VGM_V2_EK1 "82BEA7CB-30DD-49AE-9C90-0C000EFB9203"
#define VGM_V2_EK2 "9483F31C-3734-41FA-A449-2FE4E962CB3B"
#define VGM_EYPS_SAMPLE_PART "SifreliIcerik/E6927802-A3DA-4CDE-9B88-AAA26DAF6DB8"

/* Identifiers vecgen adds (fixed, uppercase GUIDs). */
#define VGM_IMZASIZ_EK "C1D2E3F4-A5B6-4C7D-8E9F-0A1B2C3D4E5F"
#define VGM_HRF_EK "D7E8F9A0-B1C2-4D3E-9F40-5A6B7C8D9E01"
#define VGM_FZK_EK "E2F3A4B5-C6D7-4E8F-A091-B2C3D4E5F607"
#define VGM_ILGI1 "F1A2B3C4-D5E6-4F70-8192-A3B4C5D6E7F8"
#define VGM_ILGI2 "A9B8C7D6-E5F4-4A3B-9C2D-1E0F2A3B4C5D"
#define VGM_OZID "3F2504E0-4F89-41D3-9A0C-0305E82C3301"
#define VGM_OTHER_ID "0B1C2D3E-4F50-4617-8829-3A4B5C6D7E8F"
#define VGM_EXTRA_EK "6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D"
#define VGM_EYPG_ID "5D1F3A6C-7B2E-4C89-9A41-0E6B8D2F7C13"
#define VGM_EYPG_CORE "package/services/metadata/core-properties/5d1f3a6c7b2e4c899a410e6b8d2f7c13.psmdcp"
#define VGM_KOMISYON_ID "8C3A1E52-4F6B-4D2A-9E07-B15C2D3F4A68"

#define VGM_DOGRULAMA "https://www.turkiye.gov.tr/belge-dogrulama"
#define VGM_KEP "tbmm@hs01.kep.tr"
#define VGM_HRF_URL "https://www.tbmm.gov.tr/belgeler/ek4.pdf"
#define VGM_HARICI_URI "http://HariciBilesen/eYazisma.udf"

/** Replace the first occurrence in Ustveri (error if absent). */
UY_MUST_USE uy_err vgm_ust(vg_pkg *p, const char *from, const char *to);

/** Target part (with '/') of the package relationship of a guide type ("ustveri", ... or "core"); owned. */
char *vgm_part(const vg_pkg *p, const char *type);

/** Replace the first occurrence in the part reached by a package relationship type. */
UY_MUST_USE uy_err vgm_edit(vg_pkg *p, const char *type, const char *from, const char *to);

/** First Reference with that URI (case-insensitive), or the first one when uri is NULL. */
xmlNodePtr vgm_ref_find(xmlDocPtr doc, const char *uri);

/** n-th element named local among top's children and grandchildren, in document order. */
xmlNodePtr vgm_nth(xmlNodePtr top, const char *local, int n);

/** Load the summary reached by a package relationship type; owned doc and part name. */
UY_MUST_USE uy_err vgm_sum_load(const vg_pkg *p, const char *type, xmlDocPtr *doc, char **part);

/**
 * Append a Reference (a copy of the first one) to a summary, with URI and
 * Type; when data is given its digests are computed over it.
 */
UY_MUST_USE uy_err vgm_add_reference(vg_pkg *p, const char *type, const char *uri,
    const char *ref_type, const uint8_t *data, size_t len);

/** Remove the Reference with that URI from a summary. */
UY_MUST_USE uy_err vgm_remove_reference(vg_pkg *p, const char *type, const char *uri);

/** Add a part with a package relationship of a guide type; zeros > 0 makes it zeros. */
UY_MUST_USE uy_err vgm_add_part(vg_pkg *p, const char *kind, const char *name, const char *id,
    const char *data, size_t len, uint64_t zeros);

/** Add a DED Ek entry to Ustveri/Ekler (2.x layout, tipler prefix). */
UY_MUST_USE uy_err vgm_add_ek_entry(vg_pkg *p, const char *guid, const char *file,
    const char *mime, int sira, int imzali);

/** Add an unsigned attachment: part, imzasizEk relationship, Ustveri Ek (ImzaliMi false). */
UY_MUST_USE uy_err vgm_add_imzasiz_ek(vg_pkg *p, const char *guid, const char *file,
    const char *data, size_t len, uint64_t zeros, int sira);

#endif /* UY_VECGEN_VG_MUT_H */
