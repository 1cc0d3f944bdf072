/* Test-only probe for smoke-wine.sh: can a Windows program get an OpenGL
 * context under this Wine + Xvfb? (eframe's glow backend needs one.) Prints
 * GL_VERSION and GL_RENDERER; exit 1 when no context can be made.
 *
 *   x86_64-w64-mingw32-gcc -O2 -s -o gl-probe.exe gl-probe.c -lopengl32 -lgdi32
 */
#include <windows.h>
#include <GL/gl.h>
#include <stdio.h>

int main(void)
{
    HWND wnd = CreateWindowA("STATIC", "gl-probe", WS_OVERLAPPEDWINDOW, 0, 0, 64, 64,
                             NULL, NULL, NULL, NULL);
    HDC dc = GetDC(wnd);
    PIXELFORMATDESCRIPTOR pfd = {sizeof pfd, 1,
                                 PFD_DRAW_TO_WINDOW | PFD_SUPPORT_OPENGL | PFD_DOUBLEBUFFER,
                                 PFD_TYPE_RGBA, 32};
    SetPixelFormat(dc, ChoosePixelFormat(dc, &pfd), &pfd);
    HGLRC ctx = wglCreateContext(dc);
    if (!ctx || !wglMakeCurrent(dc, ctx)) {
        printf("no OpenGL context\n");
        return 1;
    }
    printf("OpenGL %s, %s\n", glGetString(GL_VERSION), glGetString(GL_RENDERER));
    return 0;
}
