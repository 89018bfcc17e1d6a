/*
 * corpus.h - uy-corpus: builds uyum's signed vector corpus (vectors/corpus) and its manifest.
 *
 * TEST TOOLING (issue 3, items 4-5). Format of the manifest: vectors/corpus/README.md.
 */
#ifndef UYUM_TOOLS_CORPUS_H
#define UYUM_TOOLS_CORPUS_H

#include "uyum/uy_err.h"

/** Namespace of manifest.xml. */
#define UY_CORPUS_NS "urn:uyum:corpus:1"

/** Where uy_corpus_build() reads and writes. All borrowed. */
typedef struct {
	const char *out_dir;     /* corpus folder; created if missing, files of the same names replaced */
	const char *inputs_dir;  /* descriptions and content (vectors/corpus/inputs) */
	const char *pki_dir;     /* test PKI: pki.xml, keys/, out/ (vectors/pki) */
	const char *samples_dir; /* vectors/samples: the cover and attachment PDFs are taken from
	                            paketv2x.eyp */
	int verbose;             /* 1: one line per vector on stderr */
} uy_corpus_paths;

/**
 * Build the whole corpus: out_dir/inputs/ (copies of the descriptions and content, the PDFs
 * extracted from the sample), eyp/, eyps/, eypg/, cades/ and manifest.xml. Never reads the
 * clock; RSA PKCS#1 v1.5 vectors are byte-identical from run to run (the manifest marks the
 * others byte-stable="no").
 *
 * @return UY_ERR_IO        a file cannot be read or written
 * @return UY_ERR_MANIFEST  a description or the PKI description is invalid
 * @return UY_ERR_CRYPTO    signing or encryption failed
 * @return UY_ERR_NOMEM     out of memory
 * (and any error of uy_pki_load, uy_eypgen_*, uy_cades_make, uy_enc_make_eyps; uy_error_last()
 * says which vector failed)
 * @standard signatures-and-certificates.md §8 (scenario catalogue), §5.2 (indications)
 */
UY_MUST_USE uy_err uy_corpus_build(const uy_corpus_paths *paths);

#endif /* UYUM_TOOLS_CORPUS_H */
