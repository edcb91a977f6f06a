// Test helpers.
import BranchWatch
