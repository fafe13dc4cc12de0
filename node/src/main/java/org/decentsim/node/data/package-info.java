/**
 * Data sets (dense or CSR sparse), their readers (LIBSVM, CSV, IDX), synthetic generators and the
 * partitioners that split a data set over clients. A client holds a {@link
 * org.decentsim.node.data.DataView} (indices into a shared data set), never a copy of its rows.
 */
package org.decentsim.node.data;
