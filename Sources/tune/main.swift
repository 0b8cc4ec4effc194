import SwiftTune
print("tune")
