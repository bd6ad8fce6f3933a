#include <stdio.h>

/* Wrong: the format reads only A and prints it twice. */
int main(void) {
    int a = 0, b = 0;
    scanf("%d", &a);
    b = a;
    printf("%d\n", a + b);
    return 0;
}
