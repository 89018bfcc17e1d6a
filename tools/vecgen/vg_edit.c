/* uy-vecgen: XML, relationship and content-type edits; see vg.h. */
#include "vg.h"

#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "uyum/uy_alloc.h"

#define VG_CT_PART "[Content_Types].xml"

/* see vg.h */
uy_err
vg_xml_load(const vg_pkg *p, const char *name, xmlDocPtr *out)
{
	const vg_entry *e = vg_find(p, name);

	*out = NULL;
	if (e == NULL) {
		return UY_ERROR(UY_ERR_NOT_FOUND, "no part %s", name);
	}
	/* The inputs are our own samples; still no network, entities or DTDs. */
	*out = xmlReadMemory((const char *)e->data, (int)e->len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (*out == NULL) {
		return UY_ERROR(UY_ERR_XML, "%s is not well-formed", name);
	}
	return UY_OK;
}

/* see vg.h */
uy_err
vg_xml_store(vg_pkg *p, const char *name, xmlDocPtr doc)
{
	uy_err rc = UY_OK;
	xmlChar *mem = NULL;
	int size = 0;
	uint8_t *buf = NULL;

	xmlDocDumpMemoryEnc(doc, &mem, &size, "utf-8");
	UY_ENSURE_OUT(mem != NULL && size > 0, UY_ERR_NOMEM);
	/* The reference writers start XML parts with a BOM (spec §2.2). */
	buf = uy_alloc((size_t)size + 3);
	UY_ENSURE_OUT(buf != NULL, UY_ERR_NOMEM);
	buf[0] = 0xEF;
	buf[1] = 0xBB;
	buf[2] = 0xBF;
	memcpy(buf + 3, mem, (size_t)size);
	UY_TRY_OUT(vg_set(p, name, buf, (size_t)size + 3));
done:
	uy_free(buf);
	if (mem != NULL) {
		xmlFree(mem);
	}
	return rc;
}

/* see vg.h */
char *
vg_rels_name(const char *source)
{
	if (strcmp(source, "/") == 0 || source[0] == '\0') {
		return uy_strdup("_rels/.rels");
	}
	const char *s = source[0] == '/' ? source + 1 : source;
	const char *slash = strrchr(s, '/');
	if (slash == NULL) {
		return uy_asprintf("_rels/%s.rels", s);
	}
	return uy_asprintf("%.*s/_rels/%s.rels", (int)(slash - s), s, slash + 1);
}

/* Source part ("/" or "/Dir/F") of a .rels entry name, or NULL if not a .rels. */
static char *
edit_rels_source(const char *rels)
{
	const char *r = rels[0] == '/' ? rels + 1 : rels;
	size_t n = strlen(r);

	if (strcasecmp(r, "_rels/.rels") == 0) {
		return uy_strdup("/");
	}
	if (n < 5 || strcasecmp(r + n - 5, ".rels") != 0) {
		return NULL;
	}
	const char *mark = NULL;
	for (const char *q = r; (q = strstr(q, "_rels/")) != NULL; q++) {
		mark = q;
	}
	if (mark == NULL) {
		return NULL;
	}
	/* dir = r[0 .. mark), file = mark+6 .. n-5 */
	return uy_asprintf("/%.*s%.*s", (int)(mark - r), r, (int)(n - 5 - (size_t)(mark + 6 - r)),
	    mark + 6);
}

/* Resolve target against source (RFC 3986 §5.2 for the simple path forms OPC uses). */
static char *
edit_resolve(const char *source, const char *target)
{
	char *joined = NULL;

	if (target[0] == '/') {
		joined = uy_strdup(target);
	} else {
		const char *slash = strrchr(source, '/');
		size_t dl = slash == NULL ? 0 : (size_t)(slash - source);
		joined = uy_asprintf("%.*s/%s", (int)dl, source, target);
	}
	if (joined == NULL) {
		return NULL;
	}
	/* Remove "." and ".." segments in place. */
	char *out = uy_alloc(strlen(joined) + 2);
	if (out == NULL) {
		uy_free(joined);
		return NULL;
	}
	size_t o = 0;
	const char *s = joined;
	while (*s != '\0') {
		while (*s == '/') {
			s++;
		}
		const char *end = strchr(s, '/');
		size_t len = end == NULL ? strlen(s) : (size_t)(end - s);
		if (len == 0) {
			break;
		}
		if (len == 1 && s[0] == '.') {
			/* skip */
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/') {
				o--;
			}
			if (o > 0) {
				o--;
			}
		} else {
			out[o++] = '/';
			memcpy(out + o, s, len);
			o += len;
		}
		s += len;
	}
	out[o] = '\0';
	uy_free(joined);
	return out;
}

/* Load the .rels of source, creating an empty document when absent. */
static uy_err
edit_rels_load(const vg_pkg *p, const char *source, int create, xmlDocPtr *out, char **name_out)
{
	char *name = vg_rels_name(source);

	*out = NULL;
	*name_out = NULL;
	UY_ENSURE(name != NULL, UY_ERR_NOMEM);
	if (vg_find(p, name) != NULL) {
		uy_err rc = vg_xml_load(p, name, out);
		if (rc != UY_OK) {
			uy_free(name);
			return rc;
		}
		*name_out = name;
		return UY_OK;
	}
	if (!create) {
		uy_free(name);
		return UY_ERR_NOT_FOUND;
	}
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = doc != NULL ? xmlNewNode(NULL, BAD_CAST "Relationships") : NULL;
	if (root == NULL) {
		xmlFreeDoc(doc);
		uy_free(name);
		return UY_ERR_NOMEM;
	}
	xmlDocSetRootElement(doc, root);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST VG_NS_RELS, NULL));
	*out = doc;
	*name_out = name;
	return UY_OK;
}

/* The Relationship element with that Id, or NULL. */
static xmlNodePtr
edit_rel_by_id(xmlDocPtr doc, const char *id)
{
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			continue;
		}
		xmlChar *v = xmlGetProp(n, BAD_CAST "Id");
		int hit = v != NULL && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (hit) {
			return n;
		}
	}
	return NULL;
}

/* see vg.h */
uy_err
vg_rel_add(vg_pkg *p, const char *source, const char *id, const char *type, const char *target)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *name = NULL;

	UY_TRY_OUT(edit_rels_load(p, source, 1, &doc, &name));
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr n = xmlNewChild(root, root->ns, BAD_CAST "Relationship", NULL);
	UY_ENSURE_OUT(n != NULL, UY_ERR_NOMEM);
	/* Attribute order of the reference writers: Type, Target, Id. */
	xmlNewProp(n, BAD_CAST "Type", BAD_CAST type);
	xmlNewProp(n, BAD_CAST "Target", BAD_CAST target);
	xmlNewProp(n, BAD_CAST "Id", BAD_CAST id);
	UY_TRY_OUT(vg_xml_store(p, name, doc));
done:
	xmlFreeDoc(doc);
	uy_free(name);
	return rc;
}

/* see vg.h */
uy_err
vg_rel_find(const vg_pkg *p, const char *source, const char *type, int icase, char **id_out,
    char **target_out)
{
	uy_err rc = UY_ERR_NOT_FOUND;
	xmlDocPtr doc = NULL;
	char *name = NULL;

	if (id_out != NULL) {
		*id_out = NULL;
	}
	if (target_out != NULL) {
		*target_out = NULL;
	}
	uy_err lr = edit_rels_load(p, source, 0, &doc, &name);
	if (lr != UY_OK) {
		return lr;
	}
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			continue;
		}
		xmlChar *t = xmlGetProp(n, BAD_CAST "Type");
		int hit = t != NULL && (icase ? strcasecmp((const char *)t, type) == 0
		                              : strcmp((const char *)t, type) == 0);
		xmlFree(t);
		if (!hit) {
			continue;
		}
		xmlChar *id = xmlGetProp(n, BAD_CAST "Id");
		xmlChar *tg = xmlGetProp(n, BAD_CAST "Target");
		if (id_out != NULL) {
			*id_out = uy_strdup(id != NULL ? (const char *)id : "");
		}
		if (target_out != NULL) {
			*target_out = uy_strdup(tg != NULL ? (const char *)tg : "");
		}
		xmlFree(id);
		xmlFree(tg);
		rc = UY_OK;
		break;
	}
	xmlFreeDoc(doc);
	uy_free(name);
	return rc;
}

/* see vg.h */
uy_err
vg_rel_remove(vg_pkg *p, const char *source, const char *id)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *name = NULL;

	UY_TRY_OUT(edit_rels_load(p, source, 0, &doc, &name));
	xmlNodePtr n = edit_rel_by_id(doc, id);
	if (n == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "no relationship %s from %s", id, source);
		goto done;
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	UY_TRY_OUT(vg_xml_store(p, name, doc));
done:
	xmlFreeDoc(doc);
	uy_free(name);
	return rc;
}

/* see vg.h */
uy_err
vg_rel_set(vg_pkg *p, const char *source, const char *id, const char *attr, const char *value)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *name = NULL;

	UY_TRY_OUT(edit_rels_load(p, source, 0, &doc, &name));
	xmlNodePtr n = edit_rel_by_id(doc, id);
	if (n == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "no relationship %s from %s", id, source);
		goto done;
	}
	UY_ENSURE_OUT(xmlSetProp(n, BAD_CAST attr, BAD_CAST value) != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_xml_store(p, name, doc));
done:
	xmlFreeDoc(doc);
	uy_free(name);
	return rc;
}

/* see vg.h */
uy_err
vg_rel_dup(vg_pkg *p, const char *source, const char *id, const char *new_id)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *name = NULL;

	UY_TRY_OUT(edit_rels_load(p, source, 0, &doc, &name));
	xmlNodePtr n = edit_rel_by_id(doc, id);
	if (n == NULL) {
		rc = UY_ERROR(UY_ERR_NOT_FOUND, "no relationship %s from %s", id, source);
		goto done;
	}
	xmlNodePtr c = xmlCopyNode(n, 1);
	UY_ENSURE_OUT(c != NULL, UY_ERR_NOMEM);
	xmlSetProp(c, BAD_CAST "Id", BAD_CAST new_id);
	xmlAddNextSibling(n, c);
	UY_TRY_OUT(vg_xml_store(p, name, doc));
done:
	xmlFreeDoc(doc);
	uy_free(name);
	return rc;
}

/* see vg.h */
char *
vg_rel_target_part(const vg_pkg *p, const char *source, const char *type)
{
	char *target = NULL;

	if (vg_rel_find(p, source, type, 1, NULL, &target) != UY_OK || target == NULL) {
		uy_free(target);
		return NULL;
	}
	char *r = edit_resolve(strcmp(source, "/") == 0 ? "/" : source, target);
	uy_free(target);
	return r;
}

/* Element child of [Content_Types] root with that local name and attribute value (icase). */
static xmlNodePtr
edit_ct_find(xmlDocPtr doc, const char *local, const char *attr, const char *value)
{
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, local) != 0) {
			continue;
		}
		xmlChar *v = xmlGetProp(n, BAD_CAST attr);
		int hit = v != NULL && strcasecmp((const char *)v, value) == 0;
		xmlFree(v);
		if (hit) {
			return n;
		}
	}
	return NULL;
}

/* Add or replace a Default/Override. */
static uy_err
edit_ct_put(vg_pkg *p, const char *local, const char *key_attr, const char *key,
    const char *type)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;

	UY_TRY_OUT(vg_xml_load(p, VG_CT_PART, &doc));
	xmlNodePtr n = edit_ct_find(doc, local, key_attr, key);
	if (n == NULL) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		n = xmlNewChild(root, root->ns, BAD_CAST local, NULL);
		UY_ENSURE_OUT(n != NULL, UY_ERR_NOMEM);
		xmlNewProp(n, BAD_CAST key_attr, BAD_CAST key);
	}
	xmlSetProp(n, BAD_CAST "ContentType", BAD_CAST type);
	UY_TRY_OUT(vg_xml_store(p, VG_CT_PART, doc));
done:
	xmlFreeDoc(doc);
	return rc;
}

static uy_err
edit_ct_drop(vg_pkg *p, const char *local, const char *key_attr, const char *key)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;

	UY_TRY_OUT(vg_xml_load(p, VG_CT_PART, &doc));
	xmlNodePtr n = edit_ct_find(doc, local, key_attr, key);
	if (n == NULL) {
		rc = UY_ERR_NOT_FOUND;
		goto done;
	}
	xmlUnlinkNode(n);
	xmlFreeNode(n);
	UY_TRY_OUT(vg_xml_store(p, VG_CT_PART, doc));
done:
	xmlFreeDoc(doc);
	return rc;
}

/* see vg.h */
uy_err
vg_ct_default(vg_pkg *p, const char *ext, const char *type)
{
	return edit_ct_put(p, "Default", "Extension", ext, type);
}

/* see vg.h */
uy_err
vg_ct_remove_default(vg_pkg *p, const char *ext)
{
	return edit_ct_drop(p, "Default", "Extension", ext);
}

/* see vg.h */
uy_err
vg_ct_override(vg_pkg *p, const char *part, const char *type)
{
	return edit_ct_put(p, "Override", "PartName", part, type);
}

/* see vg.h */
uy_err
vg_ct_remove_override(vg_pkg *p, const char *part)
{
	return edit_ct_drop(p, "Override", "PartName", part);
}

/* Retarget every relationship in one .rels entry that reaches old_name. */
static uy_err
edit_retarget(vg_pkg *p, const char *rels, const char *old_name, const char *new_name)
{
	uy_err rc = UY_OK;
	xmlDocPtr doc = NULL;
	char *source = edit_rels_source(rels);
	int changed = 0;

	if (source == NULL) {
		return UY_OK;
	}
	UY_TRY_OUT(vg_xml_load(p, rels, &doc));
	for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE) {
			continue;
		}
		xmlChar *t = xmlGetProp(n, BAD_CAST "Target");
		if (t == NULL) {
			continue;
		}
		char *res = edit_resolve(source, (const char *)t);
		int hit = res != NULL && strcasecmp(res, old_name) == 0;
		int absolute = t[0] == '/';
		uy_free(res);
		xmlFree(t);
		if (!hit) {
			continue;
		}
		char *nt = NULL;
		if (absolute || strcmp(source, "/") == 0) {
			nt = uy_strdup(new_name);
		} else {
			/* Sources are one folder deep ("/Dir/F"): go up once. */
			nt = uy_asprintf("..%s", new_name);
		}
		UY_ENSURE_OUT(nt != NULL, UY_ERR_NOMEM);
		xmlSetProp(n, BAD_CAST "Target", BAD_CAST nt);
		uy_free(nt);
		changed = 1;
	}
	if (changed) {
		UY_TRY_OUT(vg_xml_store(p, rels, doc));
	}
done:
	xmlFreeDoc(doc);
	uy_free(source);
	return rc;
}

/* see vg.h */
uy_err
vg_move_part(vg_pkg *p, const char *old_name, const char *new_name)
{
	uy_err rc = UY_OK;
	char *old_rels = vg_rels_name(old_name);
	char *new_rels = vg_rels_name(new_name);
	char *from = NULL;
	char *to = NULL;

	UY_ENSURE_OUT(old_rels != NULL && new_rels != NULL, UY_ERR_NOMEM);
	UY_TRY_OUT(vg_rename(p, old_name, new_name));
	if (vg_find(p, old_rels) != NULL) {
		UY_TRY_OUT(vg_rename(p, old_rels, new_rels));
	}
	for (size_t i = 0; i < p->n; i++) {
		const char *nm = p->e[i].name;
		size_t l = strlen(nm);
		if (l >= 5 && strcasecmp(nm + l - 5, ".rels") == 0) {
			char *copy = uy_strdup(nm);
			UY_ENSURE_OUT(copy != NULL, UY_ERR_NOMEM);
			rc = edit_retarget(p, copy, old_name, new_name);
			uy_free(copy);
			UY_TRY_OUT(rc);
		}
	}
	/* Summaries name parts by absolute URI (spec §7). */
	from = uy_asprintf("URI=\"%s\"", old_name);
	to = uy_asprintf("URI=\"%s\"", new_name);
	UY_ENSURE_OUT(from != NULL && to != NULL, UY_ERR_NOMEM);
	for (size_t i = 0; i < p->n; i++) {
		vg_entry *e = &p->e[i];
		size_t fl = strlen(from);
		int has = 0;
		for (size_t k = 0; e->data != NULL && k + fl <= e->len; k++) {
			if (memcmp(e->data + k, from, fl) == 0) {
				has = 1;
				break;
			}
		}
		if (has) {
			char *nm = uy_strdup(e->name);
			UY_ENSURE_OUT(nm != NULL, UY_ERR_NOMEM);
			rc = vg_replace(p, nm, from, to, 1);
			uy_free(nm);
			UY_TRY_OUT(rc);
		}
	}
	if (vg_find(p, VG_CT_PART) != NULL) {
		xmlDocPtr doc = NULL;
		UY_TRY_OUT(vg_xml_load(p, VG_CT_PART, &doc));
		xmlNodePtr n = edit_ct_find(doc, "Override", "PartName", old_name);
		if (n != NULL) {
			xmlSetProp(n, BAD_CAST "PartName", BAD_CAST new_name);
			rc = vg_xml_store(p, VG_CT_PART, doc);
		}
		xmlFreeDoc(doc);
		UY_TRY_OUT(rc);
	}
done:
	uy_free(old_rels);
	uy_free(new_rels);
	uy_free(from);
	uy_free(to);
	return rc;
}
