/*
 * cades_int.h - cross-file internals of the cades module (cades_sig.c,
 * tst.c, validate.c). Not part of the public API.
 *
 * Why: under OpenSSL 3.0 decoding a ContentInfo, and above all each
 * certificate's public key, costs more than the signature checks. These
 * entry points let a caller that has already decoded a signature, or will
 * need its certificates, share one decoding instead of repeating it.
 */
#ifndef UYUM_CADES_INT_H
#define UYUM_CADES_INT_H

#include <openssl/cms.h>
#include <openssl/x509.h>

#include "uyum/uy_cades.h"

/*
 * uy_cades_check_signature() (see uy_cades.h: same checks, order, verdicts
 * and errors), with two additions:
 *
 * @param parsed     NULL, or `der` as already decoded by the caller with
 *                   d2i_CMS_ContentInfo() consuming exactly der.len bytes;
 *                   borrowed, and then not decoded again. The strict DER
 *                   walk and the comparison with OpenSSL's re-encoding of
 *                   `parsed` are still made against `der`. The checks set
 *                   the signer certificate of each verified SignerInfo
 *                   (CMS_SignerInfo_set1_signer_cert), which is not part of
 *                   the encoding; nothing else in `parsed` changes.
 * @param[out] certs_out NULL, or receives SignedData.certificates' X.509
 *                   choices in DER order, as decoded with the ContentInfo
 *                   (CMS_get1_certs: the indices of
 *                   uy_cades_signer_report.signer_cert_index); owned by the
 *                   caller (sk_X509_pop_free(s, X509_free)). NULL on error,
 *                   when the file failed before its SignerInfos were read
 *                   (signer_count 0), or when it carries no certificate.
 */
UY_MUST_USE uy_err uy_cades__check_signature_ex(uy_verdict *out, uy_cades_sig_report *details,
                                                uy_span der, CMS_ContentInfo *parsed,
                                                const uy_span *detached_content,
                                                const uy_cades_sig_options *opts,
                                                STACK_OF(X509) **certs_out);

#endif /* UYUM_CADES_INT_H */
