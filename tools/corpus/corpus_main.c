/*
 * corpus_main.c - uy-corpus: regenerate uyum's signed vector corpus with one command.
 */
#include <stdio.h>
#include <string.h>

#include "corpus.h"
#include "uyum/uy_alloc.h"

static void
usage(FILE *f)
{
	fputs("usage: uy-corpus --out DIR [--inputs DIR] [--pki DIR] [--samples DIR] [-v]\n"
	      "  --out DIR      corpus folder (vectors/corpus)\n"
	      "  --inputs DIR   descriptions and content (default: DIR/inputs)\n"
	      "  --pki DIR      test PKI (default: DIR/../pki)\n"
	      "  --samples DIR  sample packages (default: DIR/../samples)\n",
	    f);
}

int
main(int argc, char **argv)
{
	uy_corpus_paths p;
	char *inputs = NULL;
	char *pki = NULL;
	char *samples = NULL;
	uy_err rc = UY_OK;

	memset(&p, 0, sizeof(p));
	for (int i = 1; i < argc; i += 2) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "-v") == 0) {
			p.verbose = 1;
			i--;
			continue;
		}
		if (v == NULL) {
			usage(stderr);
			return 2;
		}
		if (strcmp(argv[i], "--out") == 0) {
			p.out_dir = v;
		} else if (strcmp(argv[i], "--inputs") == 0) {
			p.inputs_dir = v;
		} else if (strcmp(argv[i], "--pki") == 0) {
			p.pki_dir = v;
		} else if (strcmp(argv[i], "--samples") == 0) {
			p.samples_dir = v;
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (p.out_dir == NULL) {
		usage(stderr);
		return 2;
	}
	inputs = uy_asprintf("%s/inputs", p.out_dir);
	pki = uy_asprintf("%s/../pki", p.out_dir);
	samples = uy_asprintf("%s/../samples", p.out_dir);
	if (inputs == NULL || pki == NULL || samples == NULL) {
		rc = UY_ERR_NOMEM;
	} else {
		if (p.inputs_dir == NULL) {
			p.inputs_dir = inputs;
		}
		if (p.pki_dir == NULL) {
			p.pki_dir = pki;
		}
		if (p.samples_dir == NULL) {
			p.samples_dir = samples;
		}
		rc = uy_corpus_build(&p);
	}
	if (rc != UY_OK) {
		fprintf(stderr, "uy-corpus: %s\n", uy_error_last());
	}
	uy_free(inputs);
	uy_free(pki);
	uy_free(samples);
	return rc == UY_OK ? 0 : 1;
}
