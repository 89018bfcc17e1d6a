/*
 * xml.c - safe XML parsing and namespace-aware navigation on libxml2 2.9.
 *
 * Parsing uses a private parser context: XML_PARSE_NONET only (never NOENT,
 * DTDLOAD, DTDATTR, XINCLUDE or HUGE), whitespace kept, and no global parser
 * default is changed. A DOCTYPE is caught by the SAX internalSubset callback,
 * which libxml2 calls after the DOCTYPE name and external id are read and
 * before any "[...]" internal subset is looked at; the callback stops the
 * parser, so entity declarations (XXE, billion laughs) are never processed.
 * Errors go to the caller's uy_xml_error, not to stderr.
 */
#include "uyum/uy_xml.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "uyum/uy_alloc.h"
#include "uyum/uy_buf.h"
#include "uyum/uy_limits.h"

/* Parse options: no network; BIG_LINES keeps line numbers right past 65535. */
#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES)

/* Per-parse state, reached from the parser context's _private. */
typedef struct {
	int doctype;      /* a DOCTYPE was seen; the parser was stopped */
	int nomem;        /* libxml2 reported an allocation failure */
	int have_err;     /* err holds the first error */
	uy_xml_error err; /* first error (or the DOCTYPE) */
} xml_state;

/* Copy a libxml2 message into err->msg as one trimmed line. */
static void
xml_set_msg(uy_xml_error *err, const char *msg)
{
	size_t n = 0;

	err->msg[0] = '\0';
	if (msg == NULL) {
		return;
	}
	while (*msg == ' ' || *msg == '\t' || *msg == '\r' || *msg == '\n') {
		msg++;
	}
	for (; msg[n] != '\0' && n + 1 < sizeof(err->msg); n++) {
		char c = msg[n];
		/* One line: newlines and control characters become spaces. */
		err->msg[n] = ((unsigned char)c < 0x20 || c == 0x7f) ? ' ' : c;
	}
	err->msg[n] = '\0';
	while (n > 0 && err->msg[n - 1] == ' ') {
		err->msg[--n] = '\0';
	}
}

/* Keep the first error of error level; remember allocation failures. */
static void
xml_record(xml_state *st, const xmlError *e)
{
	if (st == NULL || e == NULL) {
		return;
	}
	if (e->code == XML_ERR_NO_MEMORY) {
		st->nomem = 1;
	}
	/* Warnings (e.g. an unknown encoding alias handled anyway) are not verdicts. */
	if (e->level < XML_ERR_ERROR || st->have_err) {
		return;
	}
	st->have_err = 1;
	st->err.line = e->line > 0 ? e->line : 0;
	xml_set_msg(&st->err, e->message);
}

/* Structured error callback of the parser context: data is the context. */
static void
xml_ctxt_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = data;

	if (ctxt == NULL) {
		return;
	}
	xml_record(ctxt->_private, e);
}

/* Thread's structured error callback during a parse: errors raised without the context. */
static void
xml_global_error(void *data, xmlErrorPtr e)
{
	xml_record(data, e);
}

/*
 * *= eyazisma-packages.md §2.2
 * *# DTDs are forbidden in OPC XML parts (ISO/IEC 29500-2 M1.18); PHP rejects any DOCTYPE and
 * *# never fetches over the network. Do the same.
 *
 * SAX internalSubset: called for <!DOCTYPE ...> before its internal subset
 * is parsed. Flag it and stop; xmlStopParser halts the input so nothing of
 * the DTD is read (ISO/IEC 29500-2 M1.18: DTDs are forbidden in OPC parts).
 */
static void
xml_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
    const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	xml_state *st = NULL;

	if (ctxt == NULL) {
		return;
	}
	st = ctxt->_private;
	if (st != NULL && !st->doctype) {
		st->doctype = 1;
		st->have_err = 1;
		st->err.line = ctxt->input != NULL ? ctxt->input->line : 0;
		snprintf(st->err.msg, sizeof(st->err.msg), "DOCTYPE declaration for '%.64s'",
		    name != NULL ? (const char *)name : "");
	}
	xmlStopParser(ctxt);
}

/* Depth of the deepest element, walking without recursion (hostile depth). */
static size_t
xml_max_depth(const xmlNode *root, const xmlNode **deepest)
{
	const xmlNode *n = root;
	size_t depth = 1;
	size_t max = 0;

	*deepest = NULL;
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE && depth > max) {
			max = depth;
			*deepest = n;
		}
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			depth++;
			continue;
		}
		while (n != NULL && n != root && n->next == NULL) {
			n = n->parent;
			depth--;
		}
		if (n == NULL || n == root) {
			break;
		}
		n = n->next;
	}
	return max;
}

/* see uy_xml.h */
uy_err
uy_xml_parse(xmlDocPtr *out, uy_xml_error *err, uy_span bytes)
{
	uy_err rc = UY_OK;
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	xml_state st;
	xmlStructuredErrorFunc saved_fn = NULL;
	void *saved_data = NULL;
	int saved = 0;
	const xmlNode *deepest = NULL;

	UY_ASSERT_ARG(out != NULL);
	UY_ASSERT_ARG(bytes.ptr != NULL || bytes.len == 0);
	*out = NULL;
	memset(&st, 0, sizeof(st));
	if (err != NULL) {
		memset(err, 0, sizeof(*err));
	}
	if (bytes.len > (size_t)INT_MAX) {
		/* xmlCtxtReadMemory takes an int size; callers cap far below. */
		st.have_err = 1;
		xml_set_msg(&st.err, "document too large");
		rc = UY_ERR_XML;
		goto done;
	}
	if (bytes.len == 0) {
		st.have_err = 1;
		xml_set_msg(&st.err, "empty document");
		rc = UY_ERR_XML;
		goto done;
	}
	ctxt = xmlNewParserCtxt();
	UY_ENSURE_OUT(ctxt != NULL, UY_ERR_NOMEM);
	ctxt->_private = &st;
	/* The context's own SAX block: changing it changes no global default. */
	ctxt->sax->internalSubset = xml_internal_subset;
	ctxt->sax->serror = xml_ctxt_error;
	/* Errors raised without the context (I/O, encoding) would go to stderr. */
	saved_fn = xmlStructuredError;
	saved_data = xmlStructuredErrorContext;
	saved = 1;
	xmlSetStructuredErrorFunc(&st, xml_global_error);

	doc = xmlCtxtReadMemory(ctxt, (const char *)bytes.ptr, (int)bytes.len, NULL, NULL,
	    XML_OPTIONS);
	if (st.doctype) {
		rc = UY_ERR_XML_DOCTYPE;
		goto done;
	}
	if (st.nomem || ctxt->errNo == XML_ERR_NO_MEMORY) {
		rc = UY_ERR_NOMEM;
		goto done;
	}
	if (doc == NULL || !ctxt->wellFormed || !ctxt->nsWellFormed) {
		/* Undeclared prefixes make the infoset unusable for namespace-aware rules. */
		if (!st.have_err) {
			st.have_err = 1;
			xml_set_msg(&st.err, "not well-formed");
		}
		rc = UY_ERR_XML;
		goto done;
	}
	if (xml_max_depth(xmlDocGetRootElement(doc), &deepest) > UY_MAX_XML_DEPTH) {
		st.have_err = 1;
		st.err.line = uy_xml_line(deepest);
		snprintf(st.err.msg, sizeof(st.err.msg), "elements nested deeper than %u levels",
		    (unsigned)UY_MAX_XML_DEPTH);
		rc = UY_ERR_XML;
		goto done;
	}
	if (xmlDocGetRootElement(doc) == NULL) {
		st.have_err = 1;
		xml_set_msg(&st.err, "no root element");
		rc = UY_ERR_XML;
		goto done;
	}
	*out = doc;
	doc = NULL; /* now owned by caller */
done:
	if (saved) {
		xmlSetStructuredErrorFunc(saved_data, saved_fn);
	}
	if (doc != NULL) {
		xmlFreeDoc(doc);
	}
	if (ctxt != NULL) {
		ctxt->_private = NULL;
		xmlFreeParserCtxt(ctxt);
	}
	if (rc != UY_OK && err != NULL && st.have_err) {
		*err = st.err;
	}
	return rc;
}

/* see uy_xml.h */
int
uy_xml_is(const xmlNode *node, const char *ns, const char *local)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE || node->name == NULL) {
		return 0;
	}
	if (local != NULL && strcmp((const char *)node->name, local) != 0) {
		return 0;
	}
	if (ns == NULL) {
		return 1;
	}
	/* "" asks for an element in no namespace. */
	if (node->ns == NULL || node->ns->href == NULL) {
		return ns[0] == '\0';
	}
	return strcmp((const char *)node->ns->href, ns) == 0;
}

/* see uy_xml.h */
xmlNodePtr
uy_xml_child(const xmlNode *parent, const char *ns, const char *local)
{
	if (parent == NULL) {
		return NULL;
	}
	for (xmlNodePtr c = parent->children; c != NULL; c = c->next) {
		if (uy_xml_is(c, ns, local)) {
			return c;
		}
	}
	return NULL;
}

/* see uy_xml.h */
xmlNodePtr
uy_xml_next(const xmlNode *node, const char *ns, const char *local)
{
	if (node == NULL) {
		return NULL;
	}
	for (xmlNodePtr c = node->next; c != NULL; c = c->next) {
		if (uy_xml_is(c, ns, local)) {
			return c;
		}
	}
	return NULL;
}

/* see uy_xml.h */
xmlNodePtr
uy_xml_first_element(const xmlNode *parent)
{
	return uy_xml_child(parent, NULL, NULL);
}

/* see uy_xml.h */
size_t
uy_xml_count(const xmlNode *parent, const char *ns, const char *local)
{
	size_t n = 0;

	for (xmlNodePtr c = uy_xml_child(parent, ns, local); c != NULL;
	     c = uy_xml_next(c, ns, local)) {
		n++;
	}
	return n;
}

/* see uy_xml.h */
const char *
uy_xml_ns(const xmlNode *node)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE || node->ns == NULL) {
		return NULL;
	}
	return (const char *)node->ns->href;
}

/* XML whitespace (XML 1.0 production S). */
static int
xml_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* see uy_xml.h */
char *
uy_xml_text(const xmlNode *node)
{
	xmlChar *content = NULL;
	const char *s = NULL;
	size_t len = 0;
	char *out = NULL;

	if (node == NULL) {
		return NULL;
	}
	content = xmlNodeGetContent(node);
	if (content == NULL) {
		/* libxml2 returns NULL for node types without content. */
		return uy_strdup("");
	}
	s = (const char *)content;
	len = strlen(s);
	while (len > 0 && xml_is_space(*s)) {
		s++;
		len--;
	}
	while (len > 0 && xml_is_space(s[len - 1])) {
		len--;
	}
	out = uy_strndup(s, len);
	xmlFree(content);
	return out;
}

/* see uy_xml.h */
char *
uy_xml_attr(const xmlNode *node, const char *name)
{
	xmlChar *v = NULL;
	char *out = NULL;

	if (node == NULL || node->type != XML_ELEMENT_NODE || name == NULL) {
		return NULL;
	}
	v = xmlGetNoNsProp(node, (const xmlChar *)name);
	if (v == NULL) {
		return NULL;
	}
	out = uy_strdup((const char *)v);
	xmlFree(v);
	return out;
}

/* Whether a and b are elements with the same namespace and local name. */
static int
xml_same_name(const xmlNode *a, const xmlNode *b)
{
	const char *na = uy_xml_ns(a);
	const char *nb = uy_xml_ns(b);

	if (b->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, (const char *)b->name) != 0) {
		return 0;
	}
	if (na == NULL || nb == NULL) {
		return na == nb;
	}
	return strcmp(na, nb) == 0;
}

/* Position among same-named siblings (1-based), or 0 when it has none. */
static size_t
xml_position(const xmlNode *node)
{
	size_t pos = 1;
	int several = 0;

	for (const xmlNode *s = node->prev; s != NULL; s = s->prev) {
		if (xml_same_name(node, s)) {
			pos++;
			several = 1;
		}
	}
	for (const xmlNode *s = node->next; s != NULL && !several; s = s->next) {
		if (xml_same_name(node, s)) {
			several = 1;
		}
	}
	return several ? pos : 0;
}

/* Prepend "/name[pos]" to the path being built backwards in b. */
static uy_err
xml_path_prepend(uy_buf *b, const char *seg)
{
	uy_buf nb;

	uy_buf_init(&nb, b->cap, 0);
	UY_TRY(uy_buf_puts(&nb, seg));
	if (b->len > 0) {
		uy_err rc = uy_buf_append(&nb, b->ptr, b->len);
		if (rc != UY_OK) {
			return rc;
		}
	}
	uy_buf_dispose(b);
	*b = nb;
	return UY_OK;
}

/* see uy_xml.h */
char *
uy_xml_path(const xmlNode *node)
{
	uy_buf b;
	char seg[320];
	const xmlNode *n = node;
	char *out = NULL;

	if (node == NULL) {
		return NULL;
	}
	/* Depth is capped at parse time; the cap here only bounds odd trees. */
	uy_buf_init(&b, 64u * 1024u, 0);
	if (n->type == XML_ATTRIBUTE_NODE) {
		snprintf(seg, sizeof(seg), "/@%.256s", n->name != NULL ? (const char *)n->name : "");
		if (xml_path_prepend(&b, seg) != UY_OK) {
			goto done;
		}
		n = n->parent;
	}
	for (; n != NULL && n->type == XML_ELEMENT_NODE; n = n->parent) {
		size_t pos = xml_position(n);
		if (pos > 0) {
			snprintf(seg, sizeof(seg), "/%.256s[%zu]", (const char *)n->name, pos);
		} else {
			snprintf(seg, sizeof(seg), "/%.256s", (const char *)n->name);
		}
		if (xml_path_prepend(&b, seg) != UY_OK) {
			goto done;
		}
	}
	if (b.len == 0) {
		out = uy_strdup("/");
		goto done;
	}
	out = (char *)uy_buf_take(&b, NULL);
done:
	uy_buf_dispose(&b);
	return out;
}

/* see uy_xml.h */
long
uy_xml_line(const xmlNode *node)
{
	long line = 0;

	if (node == NULL) {
		return 0;
	}
	line = xmlGetLineNo(node);
	return line > 0 ? line : 0;
}
