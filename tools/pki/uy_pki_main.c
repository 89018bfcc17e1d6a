/* uy-pki: build uyum's test PKI from its description (tools/pki/README.md). TEST ONLY material. */
#include <stdio.h>
#include <string.h>

#include "uy_pki.h"
#include "uyum/uy_alloc.h"
#include "uyum/uy_err.h"

static void
usage(FILE *f)
{
	fputs("usage: uy-pki --spec PKI.XML --out DIR [--keys DIR] [--keys-existing]\n"
	      "  --spec FILE       the description (e.g. vectors/pki/pki.xml)\n"
	      "  --out DIR         output folder, must exist (e.g. vectors/pki/out)\n"
	      "  --keys DIR        role keys (default: keys/ next to the description); missing keys\n"
	      "                    are generated and written there unless --keys-existing\n"
	      "  --keys-existing   fail instead of generating a missing key\n"
	      "exit status: 0 built, 1 failed, 2 usage\n",
	    f);
}

/* Folder of a path ("." when it has none), owned. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		return uy_strdup(".");
	}
	return uy_strndup(path, (size_t)(slash - path));
}

int
main(int argc, char **argv)
{
	const char *spec = NULL;
	const char *out = NULL;
	const char *keys = NULL;
	char *keys_owned = NULL;
	unsigned flags = 0;
	int status = 2;
	uy_pki *p = NULL;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--spec") == 0 && i + 1 < argc) {
			spec = argv[++i];
		} else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
			out = argv[++i];
		} else if (strcmp(argv[i], "--keys") == 0 && i + 1 < argc) {
			keys = argv[++i];
		} else if (strcmp(argv[i], "--keys-existing") == 0) {
			flags |= UY_PKI_KEYS_EXISTING;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (spec == NULL || out == NULL) {
		usage(stderr);
		return 2;
	}
	if (keys == NULL) {
		char *d = dir_of(spec);
		keys_owned = d != NULL ? uy_asprintf("%s/keys", d) : NULL;
		uy_free(d);
		if (keys_owned == NULL) {
			fputs("uy-pki: out of memory\n", stderr);
			return 1;
		}
		keys = keys_owned;
	}
	uy_error_clear();
	uy_err rc = uy_pki_build(&p, spec, keys, out, flags);
	if (rc != UY_OK) {
		fprintf(stderr, "uy-pki: %s\n", uy_error_last()[0] != '\0' ? uy_error_last()
		                                                          : uy_err_name(rc));
		status = 1;
		goto done;
	}
	fprintf(stderr, "uy-pki: %zu certificates, %zu CRLs, %zu OCSP responses in %s\n",
	    uy_pki_role_count(p), uy_pki_crl_count(p), uy_pki_ocsp_count(p), out);
	status = 0;
done:
	uy_pki_free(p);
	uy_free(keys_owned);
	return status;
}
