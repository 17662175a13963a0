/** File-system helpers that every stage may share; depends on nothing else of cimatrix. */
package dev.cimatrix.io;
