package io.waymark.core.model;

import org.hipparchus.exception.MathRuntimeException;
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
 * (Nelder-Mead can stall on a ridge; a fresh simplex gets it going again). Every parameter is kept in the box
 * [{@value #MIN}, {@value #MAX}] (outside it the objective counts as impossible); an optimum within a factor
 * {@value #EDGE} of the box's edge means the parameter runs off to 0 or infinity, i.e. the data do not
 * identify it, and is reported as a {@link FitException} like an optimiser failure or a non-finite likelihood.
 */
final class LogSpace {
    private static final int MAX_RESTARTS = 20;
    static final double MIN = 1e-6;
    static final double MAX = 1e6;
    static final double EDGE = 1.01;
    private static final double LOG_MIN = Math.log(MIN);
    private static final double LOG_MAX = Math.log(MAX);

    private LogSpace() {
    }

    /**
     * @param logLikelihood of the positive parameters; non-finite values count as impossible
     * @param start positive starting values
     * @param names of the parameters, for the messages
     * @return the positive parameters that maximise it
     * @throws FitException when the optimiser fails, the optimum is not finite or a parameter ends at the box's edge
     */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start, String... names) {
        ObjectiveFunction objective = new ObjectiveFunction(logs -> {
            double[] params = new double[logs.length];
            for (int i = 0; i < logs.length; i++) {
                if (!(logs[i] >= LOG_MIN && logs[i] <= LOG_MAX)) {
                    return Double.MAX_VALUE;
                }
                params[i] = Math.exp(logs[i]);
            }
            double ll;
            try {
                ll = logLikelihood.applyAsDouble(params);
            } catch (ArithmeticException e) {
                return Double.MAX_VALUE;
            }
            return Double.isFinite(ll) ? -ll : Double.MAX_VALUE;
        });
        double[] point = new double[start.length];
        for (int i = 0; i < start.length; i++) {
            point[i] = Math.log(Math.min(Math.max(start[i], MIN * EDGE * EDGE), MAX / EDGE / EDGE));
        }
        double best = Double.MAX_VALUE;
        for (int restart = 0; restart < MAX_RESTARTS; restart++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(new SimpleValueChecker(1e-13, 1e-13));
            PointValuePair found;
            try {
                found = optimizer.optimize(new MaxEval(50_000), objective, GoalType.MINIMIZE,
                        new InitialGuess(point), new NelderMeadSimplex(start.length, 0.5));
            } catch (MathRuntimeException e) {
                throw new FitException("the optimiser did not converge (" + e.getMessage() + ")", e);
            }
            boolean improved = found.getValue() < best - 1e-10 * Math.abs(best);
            if (found.getValue() < best) {
                best = found.getValue();
                point = found.getPoint();
            }
            if (!improved) {
                break;
            }
        }
        if (!(best < Double.MAX_VALUE) || !Double.isFinite(best)) {
            throw new FitException("the likelihood is not finite anywhere the optimiser looked");
        }
        double[] out = new double[point.length];
        for (int i = 0; i < point.length; i++) {
            out[i] = Math.exp(point[i]);
            String name = i < names.length ? names[i] : "parameter " + (i + 1);
            if (!(out[i] > MIN * EDGE)) {
                throw new FitException(name + " runs off to 0 (below " + MIN * EDGE + "): the data do not identify it");
            }
            if (!(out[i] < MAX / EDGE)) {
                throw new FitException(name + " runs off to infinity (above " + MAX / EDGE + "): the data do not identify it");
            }
        }
        return out;
    }
}
