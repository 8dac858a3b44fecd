/* A stand-in for Windows' bcryptprimitives.dll, for the Linux build and test machine ONLY (never in the
 * bundle or the setup: Windows 10 and later have their own).
 *
 * The cryptography package (under pyHanko: ký số) is built with a Rust whose standard library takes its
 * random numbers from ProcessPrng in bcryptprimitives.dll; Wine 8.0 has no such DLL, so the package does
 * not load ("DLL load failed") and nothing can sign or check a signature under Wine. ProcessPrng is the
 * one function it imports from there; here it asks Wine's bcrypt.dll for the system's random numbers
 * (BCryptGenRandom, what ProcessPrng does on Windows). wine-env.sh checks that this file exports every
 * name cryptography's _rust.pyd imports from bcryptprimitives.dll (installer/pe_names.py).
 *
 * Built by installer/wine-env.sh: x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll ... -lbcrypt */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
