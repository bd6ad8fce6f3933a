#include <stdio.h>

static int a[100000], answer[100000], stack[100000];

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    for (int i = 0; i < n; i++) scanf("%d", &a[i]);
    int top = 0;  /* stack holds indices still waiting for a greater element */
    for (int i = 0; i < n; i++) {
        answer[i] = -1;
        while (top > 0 && a[stack[top - 1]] < a[i]) answer[stack[--top]] = a[i];
        stack[top++] = i;
    }
    for (int i = 0; i < n; i++) printf("%d%c", answer[i], i + 1 < n ? ' ' : '\n');
    return 0;
}
