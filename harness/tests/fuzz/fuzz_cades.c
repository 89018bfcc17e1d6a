/*
 * fuzz_cades.c - libFuzzer target for the CAdES signature-level check.
 *
 * Functions under test: uy_cades_check_signature() (strict DER walk of
 * ContentInfo/SignedData, attribute decoding, ESSCertID(v2) matching,
 * message digest and signature verification). The input is the CMS DER; the
 * first half of the input doubles as detached content on odd-sized inputs,
 * so the detached path is reached too. The same input then goes through the
 * whole validation, uy_cades_validate() (time-stamps, long-term attributes,
 * path, profiles), at a fixed validation time with no trust anchors.
 * Deterministic: no clock, no network.
 * A malformed input must give a verdict and UY_OK, or UY_ERR_LIMIT; any
 * other error or a crash is a bug.
 */
#include <stdint.h>
#include <stdlib.h>

#include "uyum/uy_cades.h"
#include "uyum/uy_validate.h"

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
	static uy_validation val; /* large: not on the stack */
	uy_validate_options o = {0};
	o.version = UY_VALIDATE_OPTIONS_VERSION;
	o.has_validation_time = 1;
	o.validation_time = INT64_C(1811851200);
	o.profile_opts = (uy_profile_options)UY_PROFILE_OPTIONS_INIT;
	o.cert_opts = (uy_certprofile_options)UY_CERTPROFILE_OPTIONS_INIT;
	rc = uy_cades_validate(&val, der, (size & 1) != 0 ? &content : NULL, &o);
	if (rc != UY_OK && rc != UY_ERR_LIMIT && rc != UY_ERR_NOMEM) {
		abort();
	}
	return 0;
}
