import ClauseModel
import CLibXML2
import CCmarkGFM
import Foundation

func _check() { xmlInitParser(); cmark_gfm_core_extensions_ensure_registered() }
