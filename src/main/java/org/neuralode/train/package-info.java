/**
 * Training: the loss and its gradient through the solver (discretise-then-optimise), the AdaBelief
 * optimiser, strategies of phases, batch sampling and the local trainer with its progress events.
 * Nothing here imports Spark; the distributed job reuses these pieces on executors.
 */
package org.neuralode.train;
