/** Local solvers: what a client does with a model it receives before it reports an update. */
package org.decentsim.node.solver;
