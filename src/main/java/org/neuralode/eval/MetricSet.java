package org.neuralode.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Goodness-of-fit metrics of one prediction against observed data (Catalax's metrics, Dataset.metrics).
 *
 * <p>With n observed points, residuals r = y - yhat and k parameters:
 * {@code loss} = mean 0.5 r^2, {@code mae} = mean |r|, {@code chiSquare} X2 = max(sum r^2, 1e-250 n),
 * {@code reducedChiSquare} = X2 / max(1, n - k), {@code weightedMape} = sum|r| / sum|y| (a fraction, not %),
 * {@code aic} = n ln(X2/n) + 2k, {@code bic} = n ln(X2/n) + ln(n) k,
 * {@code rSquared} = 1 - sum r^2 / sum (y - mean y)^2.
 * A metric that is undefined for the data (no points, all-zero observations, constant observations for
 * R^2) is {@code NaN}. Immutable and thread-safe.
 *
 * @param nPoints          n, number of observed (non-missing) points
 * @param nParameters      k, number of fitted parameters
 * @param loss             mean of 0.5 r^2 (same units as y squared), penalties excluded
 * @param mae              mean absolute error (units of y)
 * @param chiSquare        sum of squared residuals, floored at 1e-250 n
 * @param reducedChiSquare chi-square per degree of freedom
 * @param weightedMape     weighted mean absolute percentage error as a fraction
 * @param aic              Akaike information criterion
 * @param bic              Bayesian information criterion
 * @param rSquared         coefficient of determination
 */
public record MetricSet(long nPoints, int nParameters, double loss, double mae, double chiSquare,
                        double reducedChiSquare, double weightedMape, double aic, double bic,
                        double rSquared) {

    /**
     * The metrics as an ordered map for JSON/CSV reports, keys exactly {@code n_points, n_parameters, loss,
     * mae, chi_square, reduced_chi_square, weighted_mape, aic, bic, r_squared} in this order. Counts are
     * {@link Long}/{@link Integer}; doubles are {@link Double}, with {@code null} for NaN or infinite values
     * (JSON has no NaN).
     *
     * @return a new mutable {@link LinkedHashMap}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n_points", nPoints);
        map.put("n_parameters", nParameters);
        map.put("loss", finiteOrNull(loss));
        map.put("mae", finiteOrNull(mae));
        map.put("chi_square", finiteOrNull(chiSquare));
        map.put("reduced_chi_square", finiteOrNull(reducedChiSquare));
        map.put("weighted_mape", finiteOrNull(weightedMape));
        map.put("aic", finiteOrNull(aic));
        map.put("bic", finiteOrNull(bic));
        map.put("r_squared", finiteOrNull(rSquared));
        return map;
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
