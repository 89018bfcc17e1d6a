/*
 * uy_test_files.h - shared file helpers for the Check unit tests: whole
 * files, the committed test PKI (vectors/pki/out), the signed corpus
 * (vectors/corpus) and its manifest.
 *
 * Conventions: every helper fails the running test (ck_assert) instead of
 * returning an error, so a NULL or empty result is never seen by the caller.
 * Returned bytes are malloc'd and freed by the caller with free(); returned
 * certificates with X509_free(). Paths are built under UY_SOURCE_DIR, which
 * CMake defines for every unit test (harness/tests/CMakeLists.txt). The
 * helpers are static inline so that a test that uses none of them compiles
 * without unused-function warnings.
 */
#ifndef UY_TEST_FILES_H
#define UY_TEST_FILES_H

#include <check.h>
#include <libxml/tree.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uyum/uy_buf.h"

/* The committed test PKI: <role>.cert.pem, <name>.crl.der, <name>.ocsp.der. */
#define UY_TEST_PKI_DIR UY_SOURCE_DIR "/vectors/pki/out/"
/* The signed corpus; manifest.xml names files relative to it. */
#define UY_TEST_CORPUS_DIR UY_SOURCE_DIR "/vectors/corpus/"
/* Room for one name of uy_test_split(), NUL included. */
#define UY_TEST_NAME_LEN 64
/* Most names uy_test_pki_certs() and uy_test_pki_ders() take in one list. */
#define UY_TEST_MAX_NAMES 16
/* Room for any path the helpers build. */
#define UY_TEST_PATH_LEN 600

/**
 * Read a whole file.
 *
 * @param path     file name; borrowed.
 * @param[out] len its length in bytes.
 * @return the bytes, NUL-terminated one past len; owned by the caller
 *         (free()). A missing or unreadable file fails the test.
 */
static inline uint8_t *
uy_test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	ck_assert_int_ge(n, 0);
	ck_assert_int_eq(fseek(f, 0, SEEK_SET), 0);
	uint8_t *buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/**
 * Read a whole file named by two parts, dir and name, joined as given.
 *
 * @param dir      leading part, e.g. UY_TEST_CORPUS_DIR; borrowed.
 * @param name     trailing part, e.g. "cades/p3-valid.p7s"; borrowed.
 * @param[out] len length in bytes.
 * @return as uy_test_read_file(); owned by the caller (free()).
 */
static inline uint8_t *
uy_test_read_file2(const char *dir, const char *name, size_t *len)
{
	char path[UY_TEST_PATH_LEN];
	int n = snprintf(path, sizeof(path), "%s%s", dir, name);
	ck_assert_msg(n > 0 && (size_t)n < sizeof(path), "path too long: %s%s", dir, name);
	return uy_test_read_file(path, len);
}

/**
 * The certificate of a test-PKI role (vectors/pki/out/<role>.cert.pem).
 *
 * @param role role name, e.g. "nes" or "root-rsa"; borrowed.
 * @return the certificate; owned by the caller (X509_free()). A missing or
 *         unparsable file fails the test.
 */
static inline X509 *
uy_test_pki_cert(const char *role)
{
	char path[UY_TEST_PATH_LEN];
	snprintf(path, sizeof(path), UY_TEST_PKI_DIR "%s.cert.pem", role);
	FILE *f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	X509 *c = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	ck_assert_msg(c != NULL, "cannot parse %s", path);
	return c;
}

/**
 * A DER file of the test PKI (vectors/pki/out/<name><suffix>), read whole.
 *
 * @param name   e.g. "nes-ca-crl"; borrowed.
 * @param suffix e.g. ".crl.der" or ".ocsp.der"; "" when name has it; borrowed.
 * @return a span over malloc'd bytes that, unlike other spans, the caller
 *         owns: free((void *)span.ptr). A missing file fails the test.
 */
static inline uy_span
uy_test_pki_der(const char *name, const char *suffix)
{
	char file[UY_TEST_PATH_LEN];
	snprintf(file, sizeof(file), "%s%s", name, suffix);
	size_t len = 0;
	uint8_t *p = uy_test_read_file2(UY_TEST_PKI_DIR, file, &len);
	return (uy_span){p, len};
}

/**
 * A CAdES vector of the corpus (vectors/corpus/cades/<name>.p7s), read whole.
 *
 * @param name     file name without directory and ".p7s"; borrowed.
 * @param[out] len length in bytes.
 * @return the DER; owned by the caller (free()). A missing file fails the test.
 */
static inline uint8_t *
uy_test_cades_vector(const char *name, size_t *len)
{
	char file[UY_TEST_PATH_LEN];
	snprintf(file, sizeof(file), "cades/%s.p7s", name);
	return uy_test_read_file2(UY_TEST_CORPUS_DIR, file, len);
}

/**
 * Split a list of names separated by spaces, tabs or newlines.
 *
 * @param[out] store the names, NUL-terminated, in order.
 * @param cap        rows of store; more names fail the test, as does a name
 *                   of UY_TEST_NAME_LEN bytes or more.
 * @param list       the list; borrowed; may be empty.
 * @return the number of names.
 */
static inline size_t
uy_test_split(char store[][UY_TEST_NAME_LEN], size_t cap, const char *list)
{
	size_t n = 0;
	const char *p = list;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n' || *p == '\t') {
			p++;
		}
		size_t k = 0;
		while (p[k] != '\0' && p[k] != ' ' && p[k] != '\n' && p[k] != '\t') {
			k++;
		}
		if (k == 0) {
			break;
		}
		ck_assert_uint_lt(n, cap);
		ck_assert_uint_lt(k, UY_TEST_NAME_LEN);
		memcpy(store[n], p, k);
		store[n][k] = '\0';
		n++;
		p += k;
	}
	return n;
}

/**
 * The certificates of a list of test-PKI roles, in order.
 *
 * @param[out] out one certificate per role, each owned by the caller
 *                 (X509_free()); slots past the count are left untouched.
 * @param cap      slots in out, at most UY_TEST_MAX_NAMES; more roles
 *                 fail the test.
 * @param roles    roles separated by white space, as uy_test_split(); may
 *                 be ""; borrowed.
 * @return the number of certificates.
 */
static inline size_t
uy_test_pki_certs(X509 **out, size_t cap, const char *roles)
{
	char names[UY_TEST_MAX_NAMES][UY_TEST_NAME_LEN];
	ck_assert_uint_le(cap, UY_TEST_MAX_NAMES);
	size_t n = uy_test_split(names, cap, roles);
	for (size_t i = 0; i < n; i++) {
		out[i] = uy_test_pki_cert(names[i]);
	}
	return n;
}

/**
 * DER files of the test PKI named by a list, as uy_test_pki_der(), in order.
 *
 * @param[out] out one span per name, each owning its bytes
 *                 (free((void *)ptr)); slots past the count are left untouched.
 * @param cap      slots in out, at most UY_TEST_MAX_NAMES; more names
 *                 fail the test.
 * @param names    names separated by white space; may be ""; borrowed.
 * @param suffix   appended to each name, e.g. ".crl.der"; borrowed.
 * @return the number of files.
 */
static inline size_t
uy_test_pki_ders(uy_span *out, size_t cap, const char *names, const char *suffix)
{
	char words[UY_TEST_MAX_NAMES][UY_TEST_NAME_LEN];
	ck_assert_uint_le(cap, UY_TEST_MAX_NAMES);
	size_t n = uy_test_split(words, cap, names);
	for (size_t i = 0; i < n; i++) {
		out[i] = uy_test_pki_der(words[i], suffix);
	}
	return n;
}

/**
 * Copy an attribute of a manifest element.
 *
 * @param[out] dst the value, truncated to cap - 1 bytes; "" when absent.
 * @param cap      bytes of dst, at least 1.
 * @param n        the element; borrowed.
 * @param name     attribute name; borrowed.
 */
static inline void
uy_test_xml_prop(char *dst, size_t cap, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	dst[0] = '\0';
	if (v != NULL) {
		snprintf(dst, cap, "%s", (const char *)v);
		xmlFree(v);
	}
}

/**
 * Whether a manifest node is the element `name`.
 *
 * @param n    the node; borrowed.
 * @param name element name; borrowed.
 * @return 1 if n is an element called name, else 0.
 */
static inline int
uy_test_xml_is_elem(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/**
 * Whether the text content of a manifest element contains a word, as
 * `detached` in <features>.
 *
 * @param n    the element; borrowed.
 * @param word the substring looked for; borrowed.
 * @return 1 if the content contains word, else 0 (also without content).
 */
static inline int
uy_test_xml_content_has(xmlNodePtr n, const char *word)
{
	xmlChar *f = xmlNodeGetContent(n);
	int found = f != NULL && strstr((const char *)f, word) != NULL;
	xmlFree(f);
	return found;
}

#endif
