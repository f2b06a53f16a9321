#ifndef VANBAN_CLIBXML2_SHIM_H
#define VANBAN_CLIBXML2_SHIM_H

// Read the version header first and switch off the ICU bits: with them, clean builds
// sometimes fail on an ICU type clash with Foundation.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlerror.h>
#include <libxml/c14n.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlreader.h>

// Swift 6 rejects the global function pointer `xmlFree`; call it through this wrapper.
static inline void vanban_xmlFree(void *p) { xmlFree(p); }

#endif
