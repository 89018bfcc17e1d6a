/*
 * uy_xml.h - safe XML parsing and namespace-aware navigation (libxml2).
 *
 * Parsing never touches the network, never loads a DTD and never expands
 * entities; a DOCTYPE stops the parse. Navigation matches elements by
 * (namespace URI, local name), never by prefix.
 */
#ifndef UYUM_UY_XML_H
#define UYUM_UY_XML_H

#include <libxml/tree.h>

#include "uyum/uy_buf.h"
#include "uyum/uy_err.h"

/** Why a parse failed. */
typedef struct {
	long line;      /* 1-based line, 0 if unknown */
	char msg[256];  /* one line from libxml2, trimmed */
} uy_xml_error;

/**
 * Parse a document from bytes (UTF-8 with or without BOM, or as declared).
 *
 * @param[out] out  document owned by the caller (xmlFreeDoc); NULL on error.
 * @param[out] err  reason on error; may be NULL.
 * @param bytes     the document; borrowed.
 * @return UY_ERR_XML_DOCTYPE  a DOCTYPE is present (ISO/IEC 29500-2 M1.18)
 * @return UY_ERR_XML          not well-formed, or deeper than UY_MAX_XML_DEPTH
 * @return UY_ERR_NOMEM        out of memory
 * @standard XML 1.0; ISO/IEC 29500-2 M1.18
 */
UY_MUST_USE uy_err uy_xml_parse(xmlDocPtr *out, uy_xml_error *err, uy_span bytes);

/** Whether node is an element named {ns}local; ns NULL matches any namespace. */
int uy_xml_is(const xmlNode *node, const char *ns, const char *local);

/** First element child named {ns}local (ns NULL: any); NULL if none. Borrowed. */
xmlNodePtr uy_xml_child(const xmlNode *parent, const char *ns, const char *local);

/** Next element sibling after node named {ns}local (ns NULL: any, local NULL: any element). */
xmlNodePtr uy_xml_next(const xmlNode *node, const char *ns, const char *local);

/** First element child of any name; NULL if none. */
xmlNodePtr uy_xml_first_element(const xmlNode *parent);

/** Number of element children named {ns}local. */
size_t uy_xml_count(const xmlNode *parent, const char *ns, const char *local);

/** Namespace URI of an element, or NULL. Borrowed. */
const char *uy_xml_ns(const xmlNode *node);

/**
 * Text content with leading and trailing XML whitespace removed.
 *
 * @return owned string (uy_free); "" for an empty element; NULL only when
 *         out of memory or node is NULL.
 */
char *uy_xml_text(const xmlNode *node);

/**
 * Value of an attribute without namespace.
 *
 * @return owned string (uy_free), or NULL when absent.
 */
char *uy_xml_attr(const xmlNode *node, const char *name);

/**
 * Path of an element for reports, by local names with 1-based positions
 * among same-named siblings where there are several, e.g.
 * "/UstVeri/DagitimListesi/Dagitim[2]/Miat".
 *
 * @return owned string (uy_free), NULL when out of memory.
 */
char *uy_xml_path(const xmlNode *node);

/** Line of a node in its document, 0 if unknown. */
long uy_xml_line(const xmlNode *node);

#endif /* UYUM_UY_XML_H */
