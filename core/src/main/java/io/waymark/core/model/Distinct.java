package io.waymark.core.model;

import java.util.Arrays;

/**
 * The distinct values of a column and, per row, the index of its value: likelihoods evaluate a parameter-dependent
 * term (a log-gamma, a log) once per distinct value instead of once per customer. Customer summaries in days
 * have few distinct x, t_x and T, so this turns a fit over hundreds of thousands of customers into a few
 * thousand special-function calls per evaluation.
 */
final class Distinct {
    final double[] values;
    final int[] index;

    Distinct(double[] column) {
        values = Arrays.stream(column).sorted().distinct().toArray();
        index = new int[column.length];
        for (int i = 0; i < column.length; i++) {
            index[i] = Arrays.binarySearch(values, column[i]);
        }
    }
}
