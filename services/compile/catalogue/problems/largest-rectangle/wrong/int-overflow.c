#include <stdio.h>

/* Wrong: the area is computed in 32-bit ints. */
static int h[100001];
static int stack[100001];

int main(void) {
    int n;
    scanf("%d", &n);
    for (int i = 0; i < n; i++) scanf("%d", &h[i]);
    h[n] = 0;
    int top = 0, best = 0;
    for (int i = 0; i <= n; i++) {
        while (top > 0 && h[stack[top - 1]] >= h[i]) {
            int height = h[stack[--top]];
            int left = top > 0 ? stack[top - 1] + 1 : 0;
            if (height * (i - left) > best) best = height * (i - left);
        }
        stack[top++] = i;
    }
    printf("%d\n", best);
    return 0;
}
