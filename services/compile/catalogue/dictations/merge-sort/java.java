public class Main {
    static void mergeSort(int[] arr, int[] tmp, int lo, int hi) {
        if (hi - lo <= 1) {
            return;
        }
        int mid = (lo + hi) / 2;
        mergeSort(arr, tmp, lo, mid);
        mergeSort(arr, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
            if (arr[i] <= arr[j]) {
                tmp[k++] = arr[i++];
            } else {
                tmp[k++] = arr[j++];
            }
        }
        while (i < mid) {
            tmp[k++] = arr[i++];
        }
        while (j < hi) {
            tmp[k++] = arr[j++];
        }
        for (k = lo; k < hi; k++) {
            arr[k] = tmp[k];
        }
    }

    public static void main(String[] args) {
        int[] arr = {5, 2, 9, 1, 5, 6, 3};
        mergeSort(arr, new int[arr.length], 0, arr.length);
        StringBuilder line = new StringBuilder("sorted:");
        for (int x : arr) {
            line.append(' ').append(x);
        }
        System.out.println(line);
    }
}
