/* Test-only launcher for smoke-wine.sh: starts a program the way Windows
 * starts a GUI-subsystem exe from cmd, with NO standard handles, from a
 * process that owns a console, then dumps that console's text to a file.
 *
 * Wine hands its console handles to GUI children (real Windows does not), so
 * without this the AttachConsole path of src/platform/windows_console.rs
 * would never run under Wine.
 *
 *   wineconsole console-launch.exe DUMP.txt STDOUT|- "zicha.exe args..."
 *
 * STDOUT is a file for the child's stdout (a redirection that must survive
 * attaching), or - for none. DUMP.txt receives the console text, UTF-8; with
 * DUMP - nothing is dumped (run under plain wine, without a console: the
 * child then has no console to attach to, as when started from Explorer).
 * Exit code: the child's.
 *
 *   x86_64-w64-mingw32-gcc -municode -O2 -s -o console-launch.exe console-launch.c
 */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 4)
        return 100;
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, TRUE};
    HANDLE out = NULL;
    if (wcscmp(argv[2], L"-") != 0) {
        out = CreateFileW(argv[2], GENERIC_WRITE, FILE_SHARE_READ, &sa, CREATE_ALWAYS, 0, NULL);
        if (out == INVALID_HANDLE_VALUE)
            return 101;
    }
    STARTUPINFOW si = {sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = NULL;
    si.hStdOutput = out;
    si.hStdError = NULL;
    PROCESS_INFORMATION pi;
    /* DETACHED_PROCESS: like a GUI exe started from cmd on Windows, the child
     * is not attached to our console until it calls AttachConsole. */
    if (!CreateProcessW(NULL, argv[3], NULL, NULL, out != NULL, DETACHED_PROCESS, NULL, NULL,
                        &si, &pi))
        return 102;
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 103;
    GetExitCodeProcess(pi.hProcess, &code);
    if (out)
        CloseHandle(out);
    if (wcscmp(argv[1], L"-") == 0)
        return (int)code;

    HANDLE con = CreateFileW(L"CONOUT$", GENERIC_READ | GENERIC_WRITE,
                             FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    CONSOLE_SCREEN_BUFFER_INFO info;
    if (con == INVALID_HANDLE_VALUE || !GetConsoleScreenBufferInfo(con, &info))
        return 104;
    FILE *dump = _wfopen(argv[1], L"wb");
    if (!dump)
        return 105;
    SHORT width = info.dwSize.X;
    wchar_t *row = malloc(sizeof(wchar_t) * width);
    char *utf8 = malloc(4 * width + 2);
    for (SHORT y = 0; y <= info.dwCursorPosition.Y; y++) {
        COORD at = {0, y};
        DWORD got = 0;
        ReadConsoleOutputCharacterW(con, row, width, at, &got);
        while (got > 0 && row[got - 1] == L' ')
            got--;
        int n = WideCharToMultiByte(CP_UTF8, 0, row, got, utf8, 4 * width, NULL, NULL);
        utf8[n] = '\n';
        fwrite(utf8, 1, n + 1, dump);
    }
    fclose(dump);
    return (int)code;
}
