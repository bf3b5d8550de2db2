module.exports=async()=>{}
