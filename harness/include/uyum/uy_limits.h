/*
 * uy_limits.h - every cap uyum applies to hostile input, with its reason.
 * A package that exceeds a cap gets a FAILED check naming the cap; uyum
 * never grows memory or time without bound.
 */
#ifndef UYUM_UY_LIMITS_H
#define UYUM_UY_LIMITS_H

#include <stdint.h>

/* Real packages hold 7-20 entries; attachments can add dozens. */
#define UY_MAX_ZIP_ENTRIES 4096u
/* KEP rejects messages over 20-25 MB; 1 GiB leaves room for archives. */
#define UY_MAX_ZIP_TOTAL_UNCOMPRESSED ((uint64_t)1 << 30)
/* One attachment may be large but never above the total. */
#define UY_MAX_ZIP_ENTRY_UNCOMPRESSED ((uint64_t)512 << 20)
/* Deflate of PDFs and XML rarely passes 20:1; zip bombs reach 1000:1. */
#define UY_MAX_ZIP_RATIO 200u
/* Ratio is only judged above this size (tiny entries have odd ratios). */
#define UY_ZIP_RATIO_MIN_SIZE ((uint64_t)1 << 20)
/* ZIP entry names; OPC part names in practice stay far below. */
#define UY_MAX_ZIP_NAME 1024u
/* Metadata XML parts are a few KiB; 16 MiB is generous and bounded. */
#define UY_MAX_XML_PART ((uint64_t)16 << 20)
/* CAdES with embedded revocation data stays below a few MiB. */
#define UY_MAX_SIGNATURE_PART ((uint64_t)32 << 20)
/* Element nesting in XML parts (libxml2 default limit is 256). */
#define UY_MAX_XML_DEPTH 64u
/* .eyps in .eypg in .eypg ...: the original-package chain is short. */
#define UY_MAX_NESTING 4u
/* Relationships per .rels part. */
#define UY_MAX_RELATIONSHIPS 4096u
/* References per summary (ParafOzeti, PaketOzeti, NihaiOzet). */
#define UY_MAX_REFERENCES 4096u
/* Findings recorded per package before the rest are summarised. */
#define UY_MAX_FINDINGS 2000u
/* Read chunk for streamed parts. */
#define UY_STREAM_CHUNK 65536u
/* Any one report file. */
#define UY_MAX_REPORT ((uint64_t)1 << 30)

#endif /* UYUM_UY_LIMITS_H */
