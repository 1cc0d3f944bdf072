/* Test-only stand-in for bcryptprimitives.dll under Wine < 9.
 *
 * Rust's std (1.78+) imports ProcessPrng from bcryptprimitives.dll, which every
 * Windows 10/11 has but Debian 12's Wine 8.0 lacks, so zicha.exe would not
 * start there. smoke-wine.sh builds this into the throwaway Wine prefix only;
 * it is never shipped. ProcessPrng is served by RtlGenRandom (advapi32).
 *
 *   x86_64-w64-mingw32-gcc -shared -O2 -o bcryptprimitives.dll \
 *       bcryptprimitives.c bcryptprimitives.def -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
