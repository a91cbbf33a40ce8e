// Benchmark of reading person-month follow-up data; written with the microdata module.
import SamkalkMicrodata

print("columns: \(FollowupColumns.required.joined(separator: ","))")
