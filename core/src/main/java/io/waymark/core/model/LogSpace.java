package io.waymark.core.model;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleValueChecker;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import java.util.function.ToDoubleFunction;

/**
 * Maximum likelihood over positive parameters: Nelder-Mead (Hipparchus) on their logarithms, so every
 * trial point is valid, restarted from its own optimum until a restart no longer improves the value
 * (Nelder-Mead can stall on a ridge; a fresh simplex gets it going again).
 */
final class LogSpace {
    private static final int MAX_RESTARTS = 20;

    private LogSpace() {
    }

    /**
     * @param logLikelihood of the positive parameters; non-finite values count as impossible
     * @param start positive starting values
     * @return the positive parameters that maximise it
     */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        ObjectiveFunction objective = new ObjectiveFunction(logs -> {
            double[] params = new double[logs.length];
            for (int i = 0; i < logs.length; i++) {
                params[i] = Math.exp(logs[i]);
            }
            double ll = logLikelihood.applyAsDouble(params);
            return Double.isFinite(ll) ? -ll : Double.MAX_VALUE;
        });
        double[] point = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            point[i] = Math.log(start[i]);
        }
        double best = Double.MAX_VALUE;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-13));
            PointValuePair found = optimizer.optimize(new MaxEval(50_000), objective, GoalType.MINIMIZE,
                    new InitialGuess(point), new NelderMeadSimplex(start.length, 0.5));
            boolean improved = found.getValue() < best - 1e-10 * Math.abs(best);
            if (found.getValue() < best) {
                best = found.getValue();
                point = found.getPoint();
            }
            if (!improved) {
                break;
            }
        }
        double[] out = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            out[i] = Math.exp(point[i]);
        }
        return out;
    }
}
