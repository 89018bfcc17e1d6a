/*
 * fuzz_cades.c - libFuzzer target for the CAdES signature-level check.
 *
 * Functions under test: uy_cades_check_signature() (strict DER walk of
 * ContentInfo/SignedData, attribute decoding, ESSCertID(v2) matching,
 * message digest and signature verification). The input is the CMS DER; the
 * first half of the input doubles as detached content on odd-sized inputs,
 * so the detached path is reached too. Deterministic: no clock, no network.
 * A malformed input must give a verdict and UY_OK, or UY_ERR_LIMIT; any
 * other error or a crash is a bug.
 */
#include <stdint.h>
#include <stdlib.h>

#include "uyum/uy_cades.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uy_verdict v;
	uy_span der = {data, size};
	uy_span content = {data, size / 2};
	uy_err rc = uy_cades_check_signature(&v, NULL, der, (size & 1) != 0 ? &content : NULL, NULL);

	if (rc != UY_OK && rc != UY_ERR_LIMIT && rc != UY_ERR_NOMEM) {
		abort();
	}
	return 0;
}
