/* ui_scale: how large the interface is drawn (see ui_scale.h). */
#include "ui_scale.h"

#include <math.h>
#include <string.h>

static const double presets[UI_SCALE_PRESETS] = {1.0, 1.12, 1.25};
static const char *const names[UI_SCALE_PRESETS] = {"normal", "large", "projector"};
/* The steps of Ctrl+= and Ctrl+-: the presets are among them. */
static const double steps[] = {0.8, 0.9, 1.0, 1.12, 1.25, 1.4, 1.6};
#define N_STEPS (int)(sizeof steps / sizeof steps[0])

double ui_scale_preset(int preset)
{
    return preset >= 0 && preset < UI_SCALE_PRESETS ? presets[preset] : 1.0;
}

const char *ui_scale_preset_name(int preset)
{
    return preset >= 0 && preset < UI_SCALE_PRESETS ? names[preset] : NULL;
}

int ui_scale_preset_parse(const char *s)
{
    for (int k = 0; s && k < UI_SCALE_PRESETS; k++)
        if (strcmp(s, names[k]) == 0)
            return k;
    return -1;
}

int ui_scale_preset_of(double user)
{
    for (int k = 0; k < UI_SCALE_PRESETS; k++)
        if (fabs(user - presets[k]) <= 0.01 * presets[k])
            return k;
    return -1;
}

double ui_scale_step(double user, int dir)
{
    if (dir > 0) {
        for (int k = 0; k < N_STEPS; k++)
            if (steps[k] > user * 1.01)
                return steps[k];
        return user > steps[N_STEPS - 1] ? user : steps[N_STEPS - 1];
    }
    for (int k = N_STEPS - 1; k >= 0; k--)
        if (steps[k] < user * 0.99)
            return steps[k];
    return user < steps[0] ? user : steps[0];
}

double ui_scale_layout(int out_w, int out_h, double pixel_ratio, double user)
{
    double ratio = pixel_ratio > 0 ? pixel_ratio : 1.0;
    double w = out_w > 1 ? out_w : 1, h = out_h > 1 ? out_h : 1;
    double fit = fmin(w / (UI_SCALE_BASE_W * ratio), h / (UI_SCALE_BASE_H * ratio));
    double s = ratio * fit * (user > 0 ? user : 1.0);
    /* Never a logical canvas smaller than the one every screen fits. */
    double most = fmin(w / UI_SCALE_MIN_W, h / UI_SCALE_MIN_H);
    return s < most ? s : most;
}
