/* ui_scale: how large the interface is drawn in a window of a given size.
 *
 * Every screen lays itself out in logical units times the UiDraw's scale (ui_px). The scale is
 * chosen here from the window's size in pixels and the user's scale: the screens are designed
 * for a logical canvas of 1280x720, so the window's scale is the factor that fits that canvas
 * into the window (1 at 1280x720, 1.5 at 1920x1080, 3 at 3840x2160), times the user's scale
 * (normal 1, large 1.12, projector 1.25; Ctrl+= and Ctrl+- step it along UI_SCALE_STEPS), and
 * never so large that the logical canvas gets smaller than UI_SCALE_MIN_W x UI_SCALE_MIN_H: every
 * screen fits there whole, so any scale the user picks keeps everything on the screen. In
 * "projector" scale on a 1080p projector the smallest text of the game (11 logical units) is
 * drawn at 20 px or more.
 *
 * Pure arithmetic; nothing here allocates. */
#ifndef UI_SCALE_H
#define UI_SCALE_H

/* The logical canvas the screens are designed for, and the smallest one they fit. */
#define UI_SCALE_BASE_W 1280.0
#define UI_SCALE_BASE_H 720.0
#define UI_SCALE_MIN_W  1024.0
#define UI_SCALE_MIN_H  576.0

/* The user's named scales. */
typedef enum {
    UI_SCALE_NORMAL,
    UI_SCALE_LARGE,
    UI_SCALE_PROJECTOR,
    UI_SCALE_PRESETS
} UiScalePreset;

/* The user scale of a preset (1, 1.12, 1.25); 1 for a bad one. */
double ui_scale_preset(int preset);
/* "normal", "large", "projector" (the --scale words); NULL for a bad one. */
const char *ui_scale_preset_name(int preset);
/* The preset named s, or -1. */
int ui_scale_preset_parse(const char *s);
/* The preset whose scale is user (within 1%), or -1. */
int ui_scale_preset_of(double user);
/* The next user scale up (dir > 0) or down (dir < 0) from user along the steps Ctrl+= and
 * Ctrl+- take (0.8 ... 1.6); user itself at either end. */
double ui_scale_step(double user, int dir);
/* The UiDraw scale for a window whose renderer output is out_w x out_h pixels, pixel_ratio
 * output pixels per window point (HiDPI: 2), at the user's scale. */
double ui_scale_layout(int out_w, int out_h, double pixel_ratio, double user);

#endif
