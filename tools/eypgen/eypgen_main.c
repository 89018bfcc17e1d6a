/*
 * eypgen_main.c - uy-eypgen: build one signed .eyp (and optionally an .eypg around it) from a
 * metadata description, signed with the test PKI (tools/eypgen/README.md).
 */
#include <stdio.h>
#include <string.h>

#include "uy_eypgen.h"
#include "uyum/uy_alloc.h"

static void
usage(FILE *f)
{
	fputs("usage: uy-eypgen --desc FILE --pki DIR --out FILE.eyp [--eypg FILE.eypg]\n"
	      "  --desc FILE   metadata description (urn:uyum:eypgen:1)\n"
	      "  --pki DIR     test PKI folder with pki.xml, keys/ and out/ (vectors/pki)\n"
	      "  --out FILE    the .eyp to write\n"
	      "  --eypg FILE   also write an update package (.eypg) around it\n",
	    f);
}

int
main(int argc, char **argv)
{
	const char *desc_path = NULL;
	const char *pki_dir = NULL;
	const char *out = NULL;
	const char *eypg = NULL;
	uy_err rc = UY_OK;
	uy_pki *pki = NULL;
	uy_eypgen_desc *d = NULL;
	char *spec = NULL;
	char *keys = NULL;
	char *pout = NULL;
	uy_tsa tsa;
	uy_eypgen_kit_spec ks;
	uy_eypgen_kit imza;
	uy_eypgen_kit muhur;
	uy_eypgen_options o = UY_EYPGEN_OPTIONS_INIT;

	memset(&imza, 0, sizeof(imza));
	memset(&muhur, 0, sizeof(muhur));
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (v == NULL) {
			usage(stderr);
			return 2;
		}
		if (strcmp(argv[i], "--desc") == 0) {
			desc_path = v;
		} else if (strcmp(argv[i], "--pki") == 0) {
			pki_dir = v;
		} else if (strcmp(argv[i], "--out") == 0) {
			out = v;
		} else if (strcmp(argv[i], "--eypg") == 0) {
			eypg = v;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (desc_path == NULL || pki_dir == NULL || out == NULL) {
		usage(stderr);
		return 2;
	}
	spec = uy_asprintf("%s/pki.xml", pki_dir);
	keys = uy_asprintf("%s/keys", pki_dir);
	pout = uy_asprintf("%s/out", pki_dir);
	UY_ENSURE_OUT(spec != NULL && keys != NULL && pout != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(uy_pki_load(&pki, spec, keys, pout));
	UY_TRY_OUT(uy_eypgen_desc_load(&d, desc_path));
	UY_TRY_OUT(uy_eypgen_tsa_init(&tsa, pki, 1));
	uy_eypgen_spec_imza(&ks, "nes", uy_eypgen_desc_time(d));
	UY_TRY_OUT(uy_eypgen_kit_init(&imza, pki, &tsa, &ks));
	uy_eypgen_spec_muhur(&ks, "seal", uy_eypgen_desc_time(d));
	UY_TRY_OUT(uy_eypgen_kit_init(&muhur, pki, &tsa, &ks));
	o.paraf.signer = &imza.signer;
	o.paraf.cades = &imza.opts;
	o.imza = o.paraf;
	o.muhur.signer = &muhur.signer;
	o.muhur.cades = &muhur.opts;
	UY_TRY_OUT(uy_eypgen_make(out, d, &o));
	if (eypg != NULL) {
		uy_eypgen_update u = {
		    .id = "0F2C5D1A-7B3E-4C9D-8A61-2E5F4B7C9D10",
		    .created = uy_eypgen_desc_time(d) + 86400,
		    .creator = "TEST BAKANLIĞI BİLGİ İŞLEM DAİRESİ/24301050",
		    .subject = "Gizlilik Derecesi Değiştirme",
		    .yeni_gizlilik = "YOK",
		    .tarih = "2027-03-02T00:00:00",
		    .aciklama = "Komisyon kararıyla gizlilik derecesi kaldırılmıştır.",
		    .karar_no = "E-24301050-010.01-7",
		    .karar_id = "5D7A1C3E-2B4F-4E6A-9C8D-1F3B5A7C9E20",
		};
		UY_TRY_OUT(uy_eypgen_make_eypg(eypg, out, &u, &o.muhur));
	}
done:
	if (rc != UY_OK) {
		fprintf(stderr, "uy-eypgen: %s\n", uy_error_last());
	}
	uy_eypgen_kit_dispose(&imza);
	uy_eypgen_kit_dispose(&muhur);
	uy_eypgen_desc_free(d);
	uy_pki_free(pki);
	uy_free(spec);
	uy_free(keys);
	uy_free(pout);
	return rc == UY_OK ? 0 : 1;
}
