/**
 * Hybrid models: mechanistic rate laws with a neural correction. {@link org.neuralode.hybrid.UniversalOde} is
 * Catalax's {@code UniversalODE} (catalax/neural/universalode.py): the rates of a mechanistic model plus a
 * gated, scaled MLP term, trained (with the mechanistic parameters named in {@code fit}) through the same
 * pipeline as any {@link org.neuralode.ode.TrainableField}.
 */
package org.neuralode.hybrid;
