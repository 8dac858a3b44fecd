/* A stand-in for Windows' icuuc.dll, for the Linux build and test machine ONLY (never in the bundle or
 * the setup: Windows 10 1903 and later have their own, and the setup refuses older Windows).
 *
 * Wine 8.0 has no icuuc.dll, and Qt 6's Qt6Core.dll will not load without it, so under Wine neither
 * PyInstaller's PySide6 hook (it imports PySide6.QtCore to find Qt's plugins) nor the window can start.
 * Qt6Core.dll imports exactly the 20 functions below from icuuc.dll, all of them for converting text
 * to and from legacy codecs (QStringConverter's ICU backend). Here every converter fails to open, as
 * if ICU knew no codec; Qt then keeps to its own UTF-8/UTF-16/Latin-1 codecs, which is all khdesk uses.
 * wine-env.sh checks that this file exports every name Qt6Core.dll imports from icuuc.dll
 * (installer/pe_names.py), so a new Qt that needs more stops the build with the missing names.
 *
 * Built by installer/wine-env.sh: x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll icuuc-standin.c */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)

typedef int UErrorCode;
typedef uint16_t UChar;
typedef int32_t UChar32;
typedef int8_t UBool;
typedef struct UConverter UConverter;
typedef void (*Callback)(void);

enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err, UErrorCode code)
{
    if (err != NULL && *err <= U_ZERO_ERROR)
        *err = code;
}

EXPORT UConverter *ucnv_open(const char *name, UErrorCode *err)
{
    (void)name;
    fail(err, U_FILE_ACCESS_ERROR);             /* "no converter data": Qt falls back to its own codecs */
    return NULL;
}

EXPORT void ucnv_close(UConverter *converter) { (void)converter; }
EXPORT void ucnv_reset(UConverter *converter) { (void)converter; }
EXPORT int8_t ucnv_getMaxCharSize(const UConverter *converter) { (void)converter; return 1; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }

EXPORT const char *ucnv_getName(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

EXPORT const char *ucnv_getStandardName(const char *name, const char *standard, UErrorCode *err)
{
    (void)name; (void)standard;
    fail(err, U_UNSUPPORTED_ERROR);
    return NULL;
}

EXPORT void ucnv_toUnicode(UConverter *converter, UChar **target, const UChar *targetLimit,
                           const char **source, const char *sourceLimit, int32_t *offsets, UBool flush,
                           UErrorCode *err)
{
    (void)converter; (void)target; (void)targetLimit; (void)source; (void)sourceLimit; (void)offsets;
    (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_fromUnicode(UConverter *converter, char **target, const char *targetLimit,
                             const UChar **source, const UChar *sourceLimit, int32_t *offsets, UBool flush,
                             UErrorCode *err)
{
    (void)converter; (void)target; (void)targetLimit; (void)source; (void)sourceLimit; (void)offsets;
    (void)flush;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT int32_t ucnv_toUCountPending(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_UNSUPPORTED_ERROR);
    return 0;
}

EXPORT int32_t ucnv_fromUCountPending(const UConverter *converter, UErrorCode *err)
{
    (void)converter;
    fail(err, U_UNSUPPORTED_ERROR);
    return 0;
}

EXPORT void ucnv_getToUCallBack(const UConverter *converter, Callback *action, const void **context)
{
    (void)converter;
    if (action != NULL) *action = NULL;
    if (context != NULL) *context = NULL;
}

EXPORT void ucnv_getFromUCallBack(const UConverter *converter, Callback *action, const void **context)
{
    (void)converter;
    if (action != NULL) *action = NULL;
    if (context != NULL) *context = NULL;
}

EXPORT void ucnv_setToUCallBack(UConverter *converter, Callback action, const void *context,
                                Callback *oldAction, const void **oldContext, UErrorCode *err)
{
    (void)converter; (void)action; (void)context;
    if (oldAction != NULL) *oldAction = NULL;
    if (oldContext != NULL) *oldContext = NULL;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_setFromUCallBack(UConverter *converter, Callback action, const void *context,
                                  Callback *oldAction, const void **oldContext, UErrorCode *err)
{
    (void)converter; (void)action; (void)context;
    if (oldAction != NULL) *oldAction = NULL;
    if (oldContext != NULL) *oldContext = NULL;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbToUWriteUChars(void *args, const UChar *source, int32_t length, int32_t offsetIndex,
                                  UErrorCode *err)
{
    (void)args; (void)source; (void)length; (void)offsetIndex;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void ucnv_cbFromUWriteUChars(void *args, const UChar **source, const UChar *sourceLimit,
                                    int32_t offsetIndex, UErrorCode *err)
{
    (void)args; (void)source; (void)sourceLimit; (void)offsetIndex;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const char *codeUnits,
                                          int32_t length, int reason, UErrorCode *err)
{
    (void)context; (void)args; (void)codeUnits; (void)length; (void)reason;
    fail(err, U_UNSUPPORTED_ERROR);
}

EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *context, void *args, const UChar *codeUnits,
                                            int32_t length, UChar32 codePoint, int reason, UErrorCode *err)
{
    (void)context; (void)args; (void)codeUnits; (void)length; (void)codePoint; (void)reason;
    fail(err, U_UNSUPPORTED_ERROR);
}
